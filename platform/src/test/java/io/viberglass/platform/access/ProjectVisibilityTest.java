package io.viberglass.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lists show only the caller's projects, and another project's ids answer exactly like ids that do not exist. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ProjectVisibilityTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(ProjectVisibilityTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, ConfigOverride.config("dispatch.enabled", "false"));

    private final Api admin = Api.of(APP);
    private final Accounts accounts = new Accounts(admin);
    private final Fixtures fixtures = new Fixtures(admin);

    private record Scenery(String mine, String theirs, String myTicket, String theirTicket, Accounts.Login me) {}

    private Scenery scenery() {
        Accounts.Login me = accounts.member();
        String mine = fixtures.project("https://github.com/acme/mine.git");
        String theirs = fixtures.project("https://github.com/acme/theirs.git");
        accounts.grant(mine, me, "member");
        String clanker = fixtures.activeClanker(Map.of());
        String myTicket = fixtures.executableTicket(mine, "Mine");
        String theirTicket = fixtures.executableTicket(theirs, "Theirs");
        fixtures.run(myTicket, clanker);
        fixtures.run(theirTicket, clanker);
        return new Scenery(mine, theirs, myTicket, theirTicket, me);
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    @Test
    void listsShowOnlyTheProjectsIAmAMemberOf() {
        Scenery s = scenery();
        Api me = admin.as(s.me().token());

        assertThat(values(me.get("/api/projects?limit=200").expect(200).json().get("data"), "id"))
                .containsExactly(s.mine());
        assertThat(values(me.get("/api/tickets?limit=200").expect(200).json().get("data"), "projectId"))
                .containsOnly(s.mine());
        assertThat(values(me.get("/api/jobs?limit=200").expect(200).json().get("data"), "projectId"))
                .containsOnly(s.mine());
        assertThat(me.get("/api/tickets/stats").expect(200).json().get("total").asLong())
                .isEqualTo(1);
        assertThat(me.get("/api/jobs/stats/queue")
                        .expect(200)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aGlobalAdminSeesEveryProjectWithoutBeingAMember() {
        Scenery s = scenery();

        assertThat(values(
                        admin.get("/api/projects?limit=200").expect(200).json().get("data"), "id"))
                .contains(s.mine(), s.theirs());
    }

    @Test
    void anotherProjectsTicketAnswersExactlyLikeAMissingOne() {
        Scenery s = scenery();
        Api me = admin.as(s.me().token());
        String missing = UUID.randomUUID().toString();

        var hidden = me.get("/api/tickets/" + s.theirTicket()).expect(404).json();
        var absent = me.get("/api/tickets/" + missing).expect(404).json();

        assertThat(hidden.get("code").asText())
                .isEqualTo(absent.get("code").asText())
                .isEqualTo("TICKET_NOT_FOUND");
        assertThat(hidden.get("message").asText()).isEqualTo("Ticket " + s.theirTicket() + " not found");
        me.get("/api/tickets/" + s.myTicket()).expect(200);
    }

    @Test
    void filteringByAnotherProjectAnswers404RatherThanAnEmptyList() {
        Scenery s = scenery();
        Api me = admin.as(s.me().token());

        me.get("/api/tickets?projectId=" + s.theirs()).expect(404);
        me.get("/api/jobs?projectId=" + s.theirs()).expect(404);
        me.get("/api/claw/schedules?projectId=" + s.theirs()).expect(404);
        me.get("/api/secrets?projectId=" + s.theirs()).expect(404);
    }

    @Test
    void aMembersRoleIsEnforcedWhereItsProjectIsVisible() {
        Scenery s = scenery();
        Api me = admin.as(s.me().token());

        var approve = me.post("/api/tickets/" + s.myTicket() + "/phases/research/approve", Map.of())
                .expect(403);
        me.put("/api/projects/" + s.mine(), Map.of("description", "Mine now")).expect(403);

        assertThat(approve.json().get("code").asText()).isEqualTo("PROJECT_ROLE_REQUIRED");
    }

    @Test
    void theCreatorOfAProjectBecomesItsAdmin() {
        Accounts.Login me = accounts.member();
        Api as = admin.as(me.token());

        String project = as.post("/api/projects", Map.of("name", "Made by me " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();

        var members =
                as.get("/api/projects/" + project + "/members").expect(200).json();
        assertThat(values(members, "email")).containsExactly(me.email());
        assertThat(values(members, "role")).containsExactly("admin");
        as.put("/api/projects/" + project, Map.of("description", "Mine")).expect(200);
    }
}
