package io.viberglass.platform.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Integration credentials over HTTP: write-only values backed by secrets, one default per integration, expiry that
 * stops every use with an answer naming the credential, and deletion refused while a repository pushes with one.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class IntegrationCredentialsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(IntegrationCredentialsApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, WORKER.overrides());
    static final WireMockServer GITHUB = start();
    static final String VALUE = "ghp_" + "cr3dential".repeat(4);

    private final Api api = Api.of(APP);
    private final IntegrationFixtures integrations = new IntegrationFixtures(api);
    private final Fixtures fixtures = new Fixtures(api);

    @AfterAll
    static void stop() {
        GITHUB.stop();
    }

    @Nested
    class Crud {
        @Test
        void createCredential_storesTheValueEncrypted_andNeverReturnsIt() {
            String integration = github();
            Api.Reply created = api.post(
                            credentials(integration),
                            Map.of("name", "bot", "value", VALUE, "description", "The shop bot's token"))
                    .expect(201);
            JsonNode credential = created.json();
            assertThat(created.header("Location")).endsWith(credentials(integration) + "/" + id(credential));
            assertThat(credential.get("credentialType").asText()).isEqualTo("token");
            assertThat(credential.get("storage").asText()).isEqualTo("database");
            assertThat(credential.get("isDefault").asBoolean()).isFalse();
            assertThat(credential.get("expired").asBoolean()).isFalse();
            assertThat(credential.has("secretId")).isFalse();
            assertThat(created.body()).doesNotContain(VALUE);
            assertThat(api.get(credentials(integration)).body()).doesNotContain(VALUE);
            assertThat(api.get(credentials(integration) + "/" + id(credential)).body())
                    .doesNotContain(VALUE);
            String ciphertext = jdbi().withHandle(h -> h.createQuery(
                            "select encode(s.ciphertext, 'hex') from secrets s join integration_credentials c "
                                    + "on c.secret_id = s.id where c.id = cast(:id as uuid)")
                    .bind("id", id(credential))
                    .mapTo(String.class)
                    .one());
            assertThat(ciphertext).isNotBlank().doesNotContain(VALUE);
        }

        @Test
        void aNewDefaultReplacesTheOldOne_andTheListShowsTheDefaultFirst() {
            String integration = github();
            String first = id(credential(integration, "alpha", true, null));
            String second = id(credential(integration, "beta", true, null));

            JsonNode list = api.get(credentials(integration)).expect(200).json();
            assertThat(list).extracting(c -> c.get("name").asText()).containsExactly("beta", "alpha");
            assertThat(list.get(0).get("isDefault").asBoolean()).isTrue();
            assertThat(list.get(1).get("isDefault").asBoolean()).isFalse();

            api.put(credentials(integration) + "/" + first, Map.of("isDefault", true))
                    .expect(200);
            assertThat(api.get(credentials(integration) + "/" + second)
                            .json()
                            .get("isDefault")
                            .asBoolean())
                    .isFalse();
        }

        @Test
        void aCredentialMayReferToASecretTheUserManages_whoseDeletionIsThenRefused() {
            String integration = github();
            String secret = api.post(
                            "/api/secrets",
                            Map.of("name", "SHOP_BOT_" + suffix(), "storage", "database", "value", VALUE))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            JsonNode credential = api.post(credentials(integration), Map.of("name", "managed", "secretId", secret))
                    .expect(201)
                    .json();
            assertThat(credential.get("secretId").asText()).isEqualTo(secret);

            JsonNode refused = api.delete("/api/secrets/" + secret).expect(409).json();
            assertThat(refused.get("message").asText()).contains("credential managed of integration");

            api.delete(credentials(integration) + "/" + id(credential)).expect(204);
            api.get("/api/secrets/" + secret).expect(200);
        }

        @Test
        void badRequests_areRefusedNamingTheField() {
            String integration = github();
            assertThat(api.post(credentials(integration), Map.of("name", "none"))
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("value");
            assertThat(api.post(
                                    credentials(integration),
                                    Map.of("name", "both", "value", "x", "secretId", UUID.randomUUID()))
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("value");
            assertThat(api.post(credentials(integration), Map.of("name", "ghost", "secretId", UUID.randomUUID()))
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("secretId");
            api.post(credentials(integration), Map.of("name", "odd", "value", "x", "credentialType", "carrier-pigeon"))
                    .expect(400);
            api.post(credentials(integration), Map.of("name", "late", "value", "x", "expiresAt", "tomorrow"))
                    .expect(400);
            credential(integration, "twice", false, null);
            assertThat(api.post(credentials(integration), Map.of("name", "twice", "value", "x"))
                            .expect(409)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("CREDENTIAL_NAME_TAKEN");
            api.post(credentials(UUID.randomUUID().toString()), Map.of("name", "orphan", "value", "x"))
                    .expect(404);
        }
    }

    @Nested
    class InUse {
        @Test
        void deletingACredentialARepositoryPushesWith_returns409ListingTheRepositories() {
            String integration = github();
            String credential = id(credential(integration, "pusher", false, null));
            String project = project(integration, credential);
            String projectName =
                    api.get("/api/projects/" + project).json().get("name").asText();

            JsonNode refused = api.delete(credentials(integration) + "/" + credential)
                    .expect(409)
                    .json();
            assertThat(refused.get("code").asText()).isEqualTo("CREDENTIAL_IN_USE");
            assertThat(refused.get("message").asText()).contains("repository of project " + projectName);
            assertThat(refused.get("details"))
                    .extracting(d -> d.get("message").asText())
                    .containsExactly("repository of project " + projectName);
            assertThat(api.get(credentials(integration) + "/" + credential)
                            .json()
                            .get("repositoriesUsing")
                            .asInt())
                    .isEqualTo(1);
            assertThat(api.delete("/api/integrations/" + integration)
                            .expect(409)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("CREDENTIAL_IN_USE");

            long secretsBefore = secretCount();
            api.put(
                            "/api/projects/" + project + "/scm-config",
                            Map.of("repositoryUrl", "https://github.com/acme/shop.git"))
                    .expect(200);
            api.delete(credentials(integration) + "/" + credential).expect(204);
            api.get(credentials(integration) + "/" + credential).expect(404);
            assertThat(secretCount()).isEqualTo(secretsBefore - 1);
        }

        @Test
        void aRepositoryMaySelectOnlyAnExistingCredentialOfItsOwnIntegration() {
            String integration = github();
            String other = id(credential(github(), "elsewhere", false, null));
            String project = integrations.project();
            Map<String, Object> body = new HashMap<>(Map.of(
                    "repositoryUrl", "https://github.com/acme/shop.git",
                    "integrationId", integration,
                    "integrationCredentialId", other));
            assertThat(api.put("/api/projects/" + project + "/scm-config", body)
                            .expect(400)
                            .json()
                            .at("/details/0/field")
                            .asText())
                    .isEqualTo("integrationCredentialId");
            body.put("integrationCredentialId", UUID.randomUUID().toString());
            assertThat(api.put("/api/projects/" + project + "/scm-config", body)
                            .expect(404)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("INTEGRATION_CREDENTIAL_NOT_FOUND");
        }
    }

    @Nested
    class DefaultAndExpiry {
        @Test
        void theConnectionTestCallsTheProviderWithTheDefaultCredential_andAnExpiredOneFailsNamingIt() {
            String integration = github();
            String credential = id(credential(integration, "tester", true, null));

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
        void aRunPushesWithTheIntegrationsDefaultCredential_deliveredToTheWorkerAsAFile() {
            String integration = github();
            credential(integration, "default-pusher", true, null);
            String secretName = jdbi().withHandle(h -> h.createQuery("select s.name from secrets s join "
                            + "integration_credentials c on c.secret_id = s.id where c.name = 'default-pusher' "
                            + "and c.integration_id = cast(:id as uuid)")
                    .bind("id", integration)
                    .mapTo(String.class)
                    .one());
            String project = project(integration, null);
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
            String integration = github();
            String credential =
                    id(credential(integration, "stale", false, Instant.now().minusSeconds(3600)));
            String project = project(integration, credential);
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
            String integration = github();
            String credential = id(credential(integration, "short-lived", false, null));
            String project = project(integration, credential);
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

    private String github() {
        return integrations.integration(
                "github", Map.of("owner", "acme", "repo", "shop", "apiUrl", GITHUB.baseUrl()), null);
    }

    private JsonNode credential(String integration, String name, boolean isDefault, Instant expiresAt) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "value", VALUE, "isDefault", isDefault));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt.toString());
        }
        return api.post(credentials(integration), body).expect(201).json();
    }

    /** A project whose GitHub repository pushes with {@code credential}, or with the integration's default. */
    private String project(String integration, String credential) {
        String project = integrations.project();
        Map<String, Object> scm = new HashMap<>(
                Map.of("repositoryUrl", "https://github.com/acme/shop.git", "integrationId", integration));
        if (credential != null) {
            scm.put("integrationCredentialId", credential);
        }
        api.put("/api/projects/" + project + "/scm-config", scm).expect(200);
        return project;
    }

    private static String credentials(String integration) {
        return "/api/integrations/" + integration + "/credentials";
    }

    private static String id(JsonNode node) {
        return node.get("id").asText();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    }

    private long secretCount() {
        return jdbi().withHandle(h ->
                h.createQuery("select count(*) from secrets").mapTo(Long.class).one());
    }

    private Jdbi jdbi() {
        return Jdbi.create(DB.dataSource());
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"shop-bot\",\"id\":1}")));
        return server;
    }
}
