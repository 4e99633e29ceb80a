package io.viberglass.platform.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.viberglass.platform.integrations.CredentialFixtures.credentials;
import static io.viberglass.platform.integrations.CredentialFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where integration credentials are used: the default one when nothing else is chosen (connection test, feedback, a
 * repository's pushes, delivered to the worker), and an expired one refused at every use with an answer naming it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class IntegrationCredentialUseApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(IntegrationCredentialUseApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, WORKER.overrides());
    static final WireMockServer GITHUB = CredentialFixtures.githubApi();
    static final String VALUE = CredentialFixtures.VALUE;

    private final Api api = Api.of(APP);
    private final CredentialFixtures given = new CredentialFixtures(api, GITHUB);
    private final Fixtures fixtures = new Fixtures(api);

    @AfterAll
    static void stop() {
        GITHUB.stop();
    }

    @Nested
    class DefaultAndExpiry {
        @Test
        void theConnectionTestCallsTheProviderWithTheDefaultCredential_andAnExpiredOneFailsNamingIt() {
            String integration = given.github();
            String credential = id(given.credential(integration, "tester", true, null));

            JsonNode ok = api.post("/api/integrations/" + integration + "/test", Map.of())
                    .expect(200)
                    .json();
            assertThat(ok.get("success").asBoolean()).isTrue();
            GITHUB.verify(
                    getRequestedFor(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + VALUE)));
            assertThat(api.get(credentials(integration) + "/" + credential)
                            .json()
                            .get("lastUsedAt")
                            .isNull())
                    .isFalse();

            api.put(
                            credentials(integration) + "/" + credential,
                            Map.of("expiresAt", Instant.now().minusSeconds(60).toString()))
                    .expect(200);
            JsonNode expired = api.post("/api/integrations/" + integration + "/test", Map.of())
                    .expect(200)
                    .json();
            assertThat(expired.get("success").asBoolean()).isFalse();
            assertThat(expired.get("message").asText()).contains("Credential tester expired at");
            assertThat(api.get(credentials(integration) + "/" + credential)
                            .json()
                            .get("expired")
                            .asBoolean())
                    .isTrue();
        }

        @Test
        void outboundFeedbackToTheProvider_usesTheDefaultCredential_andNamesItOnceExpired() {
            String integration = given.github();
            String value = "ghp_" + "feedback".repeat(5);
            String credential = api.post(
                            credentials(integration), Map.of("name", "feedback", "value", value, "isDefault", true))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String target = api.post("/api/integrations/" + integration + "/webhooks/outbound", Map.of())
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String testSend = "/api/integrations/" + integration + "/webhooks/outbound/" + target + "/test";

            assertThat(api.post(testSend, Map.of())
                            .expect(200)
                            .json()
                            .get("success")
                            .asBoolean())
                    .isTrue();
            GITHUB.verify(
                    getRequestedFor(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + value)));

            api.put(
                            credentials(integration) + "/" + credential,
                            Map.of("expiresAt", Instant.now().minusSeconds(60).toString()))
                    .expect(200);
            JsonNode expired = api.post(testSend, Map.of()).expect(200).json();
            assertThat(expired.get("success").asBoolean()).isFalse();
            assertThat(expired.get("message").asText()).contains("Credential feedback expired at");
            assertThat(expired.toString()).doesNotContain(value);
        }

        @Test
        void aRunPushesWithTheIntegrationsDefaultCredential_deliveredToTheWorkerAsAFile() {
            String integration = given.github();
            given.credential(integration, "default-pusher", true, null);
            String secretName = jdbi().withHandle(h -> h.createQuery("select s.name from secrets s join "
                            + "integration_credentials c on c.secret_id = s.id where c.name = 'default-pusher' "
                            + "and c.integration_id = cast(:id as uuid)")
                    .bind("id", integration)
                    .mapTo(String.class)
                    .one());
            String project = given.project(integration, null);
            String clanker = fixtures.activeClanker(Map.of());

            String job = fixtures.run(fixtures.executableTicket(project, "Push with the default"), clanker)
                    .get("id")
                    .asText();

            RecordingWorker.Invocation worker = WORKER.awaitInvocation(job);
            assertThat(worker.secretFiles()).contains(secretName);
            JsonNode payload = api.withHeader("X-Callback-Token", worker.token())
                    .get("/api/jobs/" + job + "/bootstrap")
                    .expect(200)
                    .json();
            assertThat(payload.at("/repository/credentialName").asText()).isEqualTo(secretName);
            assertThat(payload.toString()).doesNotContain(VALUE);
            assertThat(api.get("/api/projects/" + project + "/readiness").body())
                    .doesNotContain("replace_expired_scm_credential");
        }

        @Test
        void anExpiredCredentialRefusesNewRuns_andShowsInTheProjectsReadiness() {
            String integration = given.github();
            String credential = id(
                    given.credential(integration, "stale", false, Instant.now().minusSeconds(3600)));
            String project = given.project(integration, credential);
            String clanker = fixtures.activeClanker(Map.of());

            JsonNode refused = api.post(
                            "/api/tickets/" + fixtures.executableTicket(project, "Too late") + "/run",
                            Map.of("clankerId", clanker))
                    .expect(400)
                    .json();
            assertThat(refused.get("code").asText()).isEqualTo("CREDENTIAL_EXPIRED");
            assertThat(refused.get("message").asText()).contains("Credential stale of the repository expired at");

            JsonNode readiness = api.get("/api/projects/" + project + "/readiness")
                    .expect(200)
                    .json();
            assertThat(readiness.findParents("key").stream()
                            .filter(check -> check.get("key").asText().equals("scmCredential"))
                            .findFirst()
                            .orElseThrow()
                            .get("code")
                            .asText())
                    .isEqualTo("replace_expired_scm_credential");
        }

        @Test
        void aCredentialThatExpiresWhileItsRunWaits_failsTheRunAtDispatchNamingIt() {
            String integration = given.github();
            String credential = id(given.credential(integration, "short-lived", false, null));
            String project = given.project(integration, credential);
            String clanker = fixtures.activeClanker(Map.of("concurrencyLimit", 1));
            String first = fixtures.run(fixtures.executableTicket(project, "First"), clanker)
                    .get("id")
                    .asText();
            RecordingWorker.Invocation running = WORKER.awaitInvocation(first);
            String waiting = fixtures.run(fixtures.executableTicket(project, "Second"), clanker)
                    .get("id")
                    .asText();
            assertThat(api.get("/api/jobs/" + waiting).json().get("status").asText())
                    .isEqualTo("queued");

            api.put(
                            credentials(integration) + "/" + credential,
                            Map.of("expiresAt", Instant.now().minusSeconds(1).toString()))
                    .expect(200);
            Api worker = api.withHeader("X-Callback-Token", running.token());
            worker.get("/api/jobs/" + first + "/bootstrap").expect(200);
            worker.post(
                            "/api/jobs/" + first + "/result",
                            Map.of(
                                    "success",
                                    false,
                                    "outcome",
                                    "agent_failed",
                                    "errorMessage",
                                    "stop",
                                    "executionTimeMs",
                                    1))
                    .expect(200);

            JsonNode failed = Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.get("/api/jobs/" + waiting).json(),
                            job -> job.get("status").asText().equals("failed"));
            assertThat(failed.get("failure").toString())
                    .contains("Credential short-lived of the repository expired at");
            assertThat(WORKER.find(waiting)).isEmpty();
        }
    }

    private Jdbi jdbi() {
        return Jdbi.create(DB.dataSource());
    }
}
