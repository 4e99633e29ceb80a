package io.viberglass.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit log records who did what, refuses changes, and its hash chain exposes tampering done around that. */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditLogApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(AuditLogApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api admin = Api.of(APP);
    private final Accounts accounts = new Accounts(admin);
    private final Jdbi jdbi = Jdbi.create(DB.dataSource());

    private List<JsonNode> events() {
        List<JsonNode> events = new ArrayList<>();
        admin.get("/api/admin/audit?limit=500").expect(200).json().get("events").forEach(events::add);
        return events;
    }

    private List<String> actions() {
        return events().stream().map(event -> event.get("action").asText()).toList();
    }

    @Test
    @Order(1)
    void signInsRoleChangesMembershipsTokensAndApprovalsAreRecorded() {
        Accounts.Login user = accounts.member();
        Api.anonymous(APP)
                .post("/api/auth/login", Map.of("email", user.email(), "password", "not the right one"))
                .expect(401);
        admin.patch("/api/users/" + user.userId() + "/role", Map.of("role", "admin"))
                .expect(200);
        String project = admin.post("/api/projects", Map.of("name", "Audited " + UUID.randomUUID()))
                .expect(201)
                .json()
                .get("id")
                .asText();
        accounts.grant(project, user, "approver");
        accounts.token(user.token(), "read");
        String ticket = admin.post(
                        "/api/tickets",
                        Map.of("projectId", project, "title", "Audited ticket", "description", "Something"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        admin.put("/api/tickets/" + ticket + "/phases/research/document", Map.of("content", "# Research\n\nFound it."))
                .expect(200);
        admin.as(user.token())
                .post("/api/tickets/" + ticket + "/phases/research/approve", Map.of())
                .expect(200);
        admin.post(
                        "/api/tickets/" + ticket + "/workflow/override-to-execution",
                        Map.of("reason", "Hotfix, reviewed in person"))
                .expect(200);

        assertThat(actions())
                .contains(
                        "auth.setup",
                        "user.created",
                        "auth.login",
                        "auth.login_failed",
                        "user.role_changed",
                        "membership.changed",
                        "token.created",
                        "approval.approved",
                        "workflow.overridden");
        JsonNode approval = events().stream()
                .filter(event -> event.get("action").asText().equals("approval.approved"))
                .findFirst()
                .orElseThrow();
        assertThat(approval.get("actor").asText()).isEqualTo(user.email());
        assertThat(approval.get("projectId").asText()).isEqualTo(project);
        assertThat(approval.get("targetId").asText()).isEqualTo(ticket);
    }

    @Test
    @Order(2)
    void eventsComeNewestFirstInPages() {
        var first = admin.get("/api/admin/audit?limit=2").expect(200).json();
        long next = first.get("nextBeforeSeq").asLong();
        var second = admin.get("/api/admin/audit?limit=2&beforeSeq=" + next)
                .expect(200)
                .json();

        assertThat(first.get("events").get(0).get("seq").asLong())
                .isGreaterThan(first.get("events").get(1).get("seq").asLong());
        assertThat(second.get("events").get(0).get("seq").asLong()).isLessThan(next);
    }

    @Test
    @Order(3)
    void anIntactChainVerifies() {
        var verification =
                admin.post("/api/admin/audit/verify", Map.of()).expect(200).json();

        assertThat(verification.get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checked").asLong()).isEqualTo(events().size());
    }

    @Test
    @Order(4)
    void theTableRefusesUpdatesAndDeletes() {
        Throwable update = catchThrowable(() -> jdbi.useHandle(h -> h.execute("update audit_events set actor = 'x'")));
        Throwable delete = catchThrowable(() -> jdbi.useHandle(h -> h.execute("delete from audit_events")));
        Throwable truncate = catchThrowable(() -> jdbi.useHandle(h -> h.execute("truncate audit_events")));

        assertThat(update).hasMessageContaining("append-only");
        assertThat(delete).hasMessageContaining("append-only");
        assertThat(truncate).hasMessageContaining("append-only");
    }

    @Test
    @Order(5)
    void onlyGlobalAdminsReadOrVerifyIt() {
        Accounts.Login member = accounts.member();

        admin.as(member.token()).get("/api/admin/audit").expect(403);
        admin.as(member.token()).post("/api/admin/audit/verify", Map.of()).expect(403);
    }

    @Test
    @Order(6)
    void tamperingWithOneRowIsDetectedAtThatRow() {
        long tampered =
                jdbi.withHandle(h -> h.createQuery("select seq from audit_events where action = 'approval.approved'")
                        .mapTo(Long.class)
                        .one());
        // an attacker with superuser rights can switch the append-only trigger off; the chain still tells
        jdbi.useTransaction(h -> {
            h.execute("set local session_replication_role = replica");
            h.execute("update audit_events set actor = 'someone-else@example.test' where seq = ?", tampered);
        });

        var verification =
                admin.post("/api/admin/audit/verify", Map.of()).expect(200).json();

        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("brokenAtSeq").asLong()).isEqualTo(tampered);
        assertThat(verification.get("problem").asText()).contains("content");
    }

    @Test
    @Order(7)
    void removingARowIsDetectedAtTheRowAfterIt() {
        long removed =
                jdbi.withHandle(h -> h.createQuery("select seq from audit_events where action = 'approval.approved'")
                        .mapTo(Long.class)
                        .one());
        jdbi.useTransaction(h -> {
            h.execute("set local session_replication_role = replica");
            // this also removes the previous test's tampered row: what is left is a gap
            h.execute("delete from audit_events where seq = ?", removed);
        });
        long next = jdbi.withHandle(h -> h.createQuery("select min(seq) from audit_events where seq > :removed")
                .bind("removed", removed)
                .mapTo(Long.class)
                .one());

        var verification =
                admin.post("/api/admin/audit/verify", Map.of()).expect(200).json();

        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("problem").asText()).contains("previous_hash");
        assertThat(verification.get("brokenAtSeq").asLong()).isEqualTo(next);
    }
}
