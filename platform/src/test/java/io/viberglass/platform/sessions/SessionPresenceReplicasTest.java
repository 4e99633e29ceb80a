package io.viberglass.platform.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.SseClient;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Session presence across replicas: two platforms on one database, people watching a session's stream through either.
 * Each replica refreshes its presence every second here, so a replica that stops refreshing is taken as dead after
 * three seconds, and writes a heartbeat to each stream every 200 ms, which is how it notices a client went. Nothing sleeps: every check polls for at most a few seconds.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionPresenceReplicasTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SessionPresenceReplicasTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> REPLICA_A = replica("a");
    static final DropwizardAppExtension<PlatformConfiguration> REPLICA_B = replica("b");

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Api adminOnA = Api.of(REPLICA_A);
    private final Api adminOnB = Api.of(REPLICA_B);
    private final Accounts accounts = new Accounts(adminOnA);
    private final Jdbi database = Jdbi.create(DB.dataSource());
    private Accounts.Login carol;
    private String projectId;
    private String sessionId;
    private String adminId;

    static DropwizardAppExtension<PlatformConfiguration> replica(String name) {
        return TestApp.replica(
                name,
                DB,
                Map.of(
                        "sessions.presenceInterval", "1s",
                        // a closed client is noticed when the next heartbeat cannot be written to it
                        "sessions.heartbeatInterval", "200ms",
                        "dispatch.enabled", "false",
                        "webhooks.enabled", "false",
                        "claws.enabled", "false"));
    }

    private static ConditionFactory soon() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
    }

    /** A planning session started by the admin, and carol, who may watch it. */
    @BeforeEach
    void aSessionAndTwoPeople() {
        Fixtures fixtures = new Fixtures(adminOnA);
        projectId = fixtures.project("https://github.com/acme/shop.git");
        String clankerId = fixtures.activeClanker(Map.of());
        String ticketId = fixtures.executableTicket(projectId, "Greeting is rude");
        sessionId = adminOnA.post(
                        "/api/tickets/" + ticketId + "/agent-sessions",
                        Map.of("mode", "planning", "clankerId", clankerId, "message", "Go"))
                .expect(201)
                .json()
                .get("session")
                .get("id")
                .asText();
        carol = accounts.member();
        accounts.grant(projectId, carol, "viewer");
        adminId = participants(adminOnA).get(0).get("userId").asText();
    }

    @Test
    void someoneWatchingOnReplicaB_isSeenByAWatcherOnReplicaA_andIsOnlineThere() {
        try (SseClient carolOnA = SseClient.open(adminOnA.as(carol.token()), stream())) {
            carolOnA.await(e -> is(e, "presence_update") && users(e).equals(List.of(carol.userId())));
            assertThat(online(adminOnA)).isFalse();

            SseClient adminOnBStream = SseClient.open(adminOnB, stream());
            carolOnA.await(e -> is(e, "user_joined", adminId));
            carolOnA.await(e -> is(e, "presence_update") && users(e).size() == 2);
            assertThat(users(last(carolOnA, "presence_update"))).containsExactly(carol.userId(), adminId);
            assertThat(online(adminOnA)).isTrue();
            assertThat(online(adminOnB)).isTrue();

            adminOnBStream.close();
            carolOnA.await(e -> is(e, "user_left", adminId));
            assertThat(users(last(carolOnA, "presence_update"))).containsExactly(carol.userId());
            assertThat(online(adminOnA)).isFalse();
        }
    }

    @Test
    void twoTabsOnTwoReplicas_areOnePresence_untilTheLastCloses() {
        try (SseClient watcher = SseClient.open(adminOnA, stream())) {
            watcher.await(e -> is(e, "presence_update") && users(e).contains(adminId));
            SseClient carolTabOnA = SseClient.open(adminOnA.as(carol.token()), stream());
            watcher.await(e -> is(e, "user_joined", carol.userId()));
            SseClient carolTabOnB = SseClient.open(adminOnB.as(carol.token()), stream());
            soon().until(() -> replicasHolding(carol.userId()) == 2);
            // the second tab is told who is there, though nobody joined
            carolTabOnB.await(e -> is(e, "presence_update") && users(e).size() == 2);

            carolTabOnA.close();
            soon().until(() -> replicasHolding(carol.userId()) == 1);
            Accounts.Login dave = accounts.member();
            adminOnA.post("/api/projects/" + projectId + "/members", Map.of("email", dave.email(), "role", "viewer"))
                    .expect(201);
            SseClient daveOnB = SseClient.open(adminOnB.as(dave.token()), stream());
            watcher.await(e -> is(e, "user_joined", dave.userId()));
            assertThat(watcher.events())
                    .filteredOn(e -> is(e, "user_joined", carol.userId()))
                    .hasSize(1);
            assertThat(watcher.events()).noneMatch(e -> is(e, "user_left", carol.userId()));
            assertThat(users(last(watcher, "presence_update"))).containsExactly(adminId, carol.userId(), dave.userId());

            carolTabOnB.close();
            watcher.await(e -> is(e, "user_left", carol.userId()));
            assertThat(users(last(watcher, "presence_update"))).containsExactly(adminId, dave.userId());
            daveOnB.close();
        }
    }

    @Test
    void thePeopleOfAReplicaThatStopsRefreshing_leaveAfterThreeIntervals() {
        try (SseClient carolOnA = SseClient.open(adminOnA.as(carol.token()), stream())) {
            carolOnA.await(e -> is(e, "presence_update"));
            // a replica serving the admin, as it wrote its row just before it was killed
            UUID deadReplica = UUID.randomUUID();
            Instant lastBeat = Instant.now().truncatedTo(ChronoUnit.MICROS);
            database.useHandle(handle -> handle.createUpdate(
                            "insert into session_presence (session_id, presence_key, replica_id, user_id, user_name, "
                                    + "connections, joined_at, seen_at) values (cast(:session as uuid), :key, "
                                    + ":replica, cast(:user as uuid), 'Test Admin', 1, :at, :at)")
                    .bind("session", sessionId)
                    .bind("key", adminId)
                    .bind("replica", deadReplica)
                    .bind("user", adminId)
                    .bind("at", lastBeat)
                    .execute());
            carolOnA.await(e -> is(e, "user_joined", adminId));
            assertThat(online(adminOnB)).isTrue();

            SseClient.Event left = carolOnA.await(e -> is(e, "user_left", adminId));
            assertThat(Duration.between(lastBeat, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(users(last(carolOnA, "presence_update"))).containsExactly(carol.userId());
            assertThat(left.id()).isNull();
            assertThat(online(adminOnB)).isFalse();
            assertThat(replicasHolding(adminId)).isZero();
        }
    }

    @Test
    void aLiveReplicaWhoseRowsWereExpired_writesThemAgainAtItsNextBeat() {
        try (SseClient carolOnA = SseClient.open(adminOnA.as(carol.token()), stream());
                SseClient adminOnBStream = SseClient.open(adminOnB, stream())) {
            carolOnA.await(e -> is(e, "user_joined", adminId));

            // as another replica's sweep does when replica B could not reach the database for three intervals
            database.useHandle(
                    handle -> handle.createUpdate("delete from session_presence where user_id = cast(:user as uuid)")
                            .bind("user", adminId)
                            .execute());
            carolOnA.await(e -> is(e, "user_left", adminId));

            soon().until(() -> carolOnA.events().stream()
                            .filter(e -> is(e, "user_joined", adminId))
                            .count()
                    == 2);
            assertThat(replicasHolding(adminId)).isEqualTo(1);
            assertThat(online(adminOnA)).isTrue();
        }
    }

    @Test
    void aReplicaThatStopsCleanly_releasesItsPeopleAtOnce() throws Exception {
        DropwizardAppExtension<PlatformConfiguration> replicaC = replica("c");
        replicaC.before();
        try (SseClient carolOnA = SseClient.open(adminOnA.as(carol.token()), stream())) {
            SseClient adminOnC = SseClient.open(Api.of(replicaC), stream());
            carolOnA.await(e -> is(e, "user_joined", adminId));

            replicaC.after();
            // its row is gone as it stops, long before it could have expired (three seconds after its last beat)
            assertThat(replicasHolding(adminId)).isZero();
            carolOnA.await(e -> is(e, "user_left", adminId));
            adminOnC.close();
        }
    }

    private String stream() {
        return "/api/agent-sessions/" + sessionId + "/events/stream";
    }

    private List<JsonNode> participants(Api api) {
        List<JsonNode> people = new ArrayList<>();
        JsonNode body = api.get("/api/agent-sessions/" + sessionId + "/participants")
                .expect(200)
                .json();
        (body.has("data") ? body.get("data") : body).forEach(people::add);
        return people;
    }

    /** Whether the admin, the session's creator, is listed online by {@code api}'s replica. */
    private boolean online(Api api) {
        return participants(api).stream()
                .filter(p -> p.get("userId").asText().equals(adminId))
                .findFirst()
                .orElseThrow()
                .get("online")
                .asBoolean();
    }

    private int replicasHolding(String userId) {
        return database.withHandle(handle -> handle.createQuery(
                        "select count(*) from session_presence where session_id = cast(:session as uuid) "
                                + "and user_id = cast(:user as uuid)")
                .bind("session", sessionId)
                .bind("user", userId)
                .mapTo(Integer.class)
                .one());
    }

    private static JsonNode data(SseClient.Event event) {
        try {
            return MAPPER.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean is(SseClient.Event event, String type) {
        return event.id() == null
                && event.data().contains("\"" + type + "\"")
                && data(event).path("type").asText().equals(type);
    }

    private static boolean is(SseClient.Event event, String type, String userId) {
        return is(event, type)
                && userId.equals(data(event).path("payload").path("userId").asText());
    }

    private static List<String> users(SseClient.Event update) {
        List<String> ids = new ArrayList<>();
        data(update)
                .path("payload")
                .path("users")
                .forEach(user -> ids.add(user.path("userId").asText()));
        return ids;
    }

    private static SseClient.Event last(SseClient client, String type) {
        List<SseClient.Event> matching =
                client.events().stream().filter(e -> is(e, type)).toList();
        assertThat(matching).isNotEmpty();
        return matching.get(matching.size() - 1);
    }
}
