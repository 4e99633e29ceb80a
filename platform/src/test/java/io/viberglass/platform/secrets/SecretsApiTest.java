package io.viberglass.platform.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class SecretsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SecretsApiTest.class);

    static final WireMockServer SSM = startSsm();
    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            with(WORKER.overrides(), ConfigOverride.config("secrets.ssmEndpoint", "http://127.0.0.1:" + SSM.port())));

    static final String CANARY = "canary-" + UUID.randomUUID();

    private final Api api = Api.of(APP);
    private final Jdbi jdbi = Jdbi.create(DB.dataSource());

    static {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "test-secret");
    }

    private static WireMockServer startSsm() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.PutParameter"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"Version\":1,\"Tier\":\"Standard\"}")));
        server.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.DeleteParameter"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{}")));
        return server;
    }

    private static ConfigOverride[] with(ConfigOverride[] base, ConfigOverride extra) {
        ConfigOverride[] all = java.util.Arrays.copyOf(base, base.length + 1);
        all[base.length] = extra;
        return all;
    }

    @AfterAll
    static void stopSsm() {
        SSM.stop();
    }

    private JsonNode create(Map<String, Object> body) {
        return api.post("/api/secrets", body).expect(201).json();
    }

    private static String name() {
        return "SECRET_"
                + UUID.randomUUID()
                        .toString()
                        .replace("-", "_")
                        .substring(0, 12)
                        .toUpperCase();
    }

    @Nested
    class Storage {
        @Test
        void aDatabaseSecretIsEncryptedWithAFreshNonceAndNeverReturned() {
            String value = CANARY + "-db";
            var reply = api.post("/api/secrets", Map.of("name", name(), "storage", "database", "value", value))
                    .expect(201);
            String again = api.post("/api/secrets", Map.of("name", name(), "storage", "database", "value", value))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            String id = reply.json().get("id").asText();

            assertThat(reply.body()).doesNotContain(value);
            assertThat(api.get("/api/secrets/" + id).body()).doesNotContain(value);
            assertThat(api.get("/api/secrets?limit=200").body()).doesNotContain(value);
            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("select * from secrets where id = :id")
                    .bind("id", UUID.fromString(id))
                    .mapToMap()
                    .one());
            byte[] ciphertext = (byte[]) row.get("ciphertext");
            assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(value);
            assertThat(row.get("key_id")).isEqualTo("k1");
            byte[] otherNonce = jdbi.withHandle(h -> h.createQuery("select nonce from secrets where id = :id")
                    .bind("id", UUID.fromString(again))
                    .mapTo(byte[].class)
                    .one());
            assertThat(otherNonce).isNotEqualTo(row.get("nonce"));
        }

        @Test
        void anEnvSecretStoresOnlyTheVariableName() {
            JsonNode secret = create(Map.of("name", name(), "storage", "env", "envName", "HOME"));

            assertThat(secret.get("envName").asText()).isEqualTo("HOME");
            assertThat(api.post("/api/secrets", Map.of("name", name(), "storage", "env", "value", "x"))
                            .expect(400)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("SECRET_VALUE_NOT_STORED");
        }

        @Test
        void anSsmSecretIsPutAsSecureStringAndDeletedWithIt() {
            String name = name();
            String value = CANARY + "-ssm";

            JsonNode secret = create(Map.of("name", name, "storage", "ssm", "value", value));

            assertThat(secret.get("ssmParameter").asText()).isEqualTo("/viberglass/secrets/global/" + name);
            SSM.verify(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("AmazonSSM.PutParameter"))
                    .withRequestBody(containing("\"Type\":\"SecureString\""))
                    .withRequestBody(containing("\"Name\":\"/viberglass/secrets/global/" + name + "\""))
                    .withRequestBody(containing("\"Overwrite\":true")));
            api.delete("/api/secrets/" + secret.get("id").asText()).expect(204);
            SSM.verify(postRequestedFor(urlEqualTo("/"))
                    .withHeader("X-Amz-Target", equalTo("AmazonSSM.DeleteParameter"))
                    .withRequestBody(containing(name)));
        }

        @Test
        void rotatingTheValueKeepsTheSecretAndChangesTheCiphertext() {
            JsonNode secret = create(Map.of("name", name(), "storage", "database", "value", "first-value"));
            String id = secret.get("id").asText();
            byte[] before = ciphertext(id);

            JsonNode rotated = api.put("/api/secrets/" + id, Map.of("value", "second-value"))
                    .expect(200)
                    .json();

            assertThat(rotated.get("updatedAt").asText())
                    .isGreaterThanOrEqualTo(secret.get("updatedAt").asText());
            assertThat(ciphertext(id)).isNotEqualTo(before);
        }

        private byte[] ciphertext(String id) {
            return jdbi.withHandle(h -> h.createQuery("select ciphertext from secrets where id = :id")
                    .bind("id", UUID.fromString(id))
                    .mapTo(byte[].class)
                    .one());
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "{\"storage\":\"database\",\"value\":\"x\"}|name",
                    "{\"name\":\"1BAD\",\"storage\":\"database\",\"value\":\"x\"}|name",
                    "{\"name\":\"has-dash\",\"storage\":\"database\",\"value\":\"x\"}|name",
                    "{\"name\":\"OK_NAME\",\"storage\":\"vault\",\"value\":\"x\"}|storage",
                    "{\"name\":\"OK_NAME\"}|storage",
                    "{\"name\":\"OK_NAME\",\"storage\":\"database\"}|value",
                    "{\"name\":\"OK_NAME\",\"storage\":\"ssm\",\"ssmParameter\":\"relative\"}|ssmParameter",
                })
        void invalidSecretsAre400NamingTheField(String body, String field) {
            var reply = api.post("/api/secrets", body).expect(400);

            assertThat(reply.json().get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains(field);
        }

        @Test
        void aDuplicateNameInTheSameScopeIs409ButAnotherProjectMayReuseIt() {
            String name = name();
            create(Map.of("name", name, "storage", "env"));
            assertThat(api.post("/api/secrets", Map.of("name", name, "storage", "env"))
                            .expect(409)
                            .json()
                            .get("code")
                            .asText())
                    .isEqualTo("SECRET_NAME_TAKEN");

            String project = api.post("/api/projects", Map.of("name", "Scoped " + UUID.randomUUID()))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            create(Map.of("name", name, "storage", "env", "projectId", project));
            assertThat(api.get("/api/secrets?projectId=" + project + "&includeGlobal=true")
                            .json()
                            .at("/pagination/total")
                            .asLong())
                    .isGreaterThanOrEqualTo(2);
        }

        @Test
        void renamingIsRefused() {
            String id =
                    create(Map.of("name", name(), "storage", "env")).get("id").asText();

            api.put("/api/secrets/" + id, Map.of("name", "OTHER")).expect(400);
        }
    }

    @Nested
    class InUse {
        @Test
        void aSecretUsedByAClankerOrARepositoryCannotBeDeleted() {
            String id = create(Map.of("name", name(), "storage", "database", "value", "tok-123456"))
                    .get("id")
                    .asText();
            JsonNode clanker = api.post(
                            "/api/clankers",
                            Map.of(
                                    "name",
                                    "Uses secret",
                                    "agent",
                                    "codex",
                                    "deploymentStrategy",
                                    "local",
                                    "secretIds",
                                    List.of(id)))
                    .expect(201)
                    .json();
            assertThat(clanker.at("/secrets/0/id").asText()).isEqualTo(id);

            var refused = api.delete("/api/secrets/" + id).expect(409);
            assertThat(refused.json().get("message").asText()).contains("clanker Uses secret");
            assertThat(api.get("/api/secrets/" + id)
                            .json()
                            .get("usedByClankers")
                            .get(0)
                            .asText())
                    .isEqualTo("Uses secret");

            api.put("/api/clankers/" + clanker.get("id").asText(), Map.of("secretIds", List.of()))
                    .expect(200);
            String project = new Fixtures(api).project("https://github.com/acme/shop.git");
            api.put(
                            "/api/projects/" + project + "/scm-config",
                            Map.of("repositoryUrl", "https://github.com/acme/shop.git", "credentialId", id))
                    .expect(200);
            assertThat(api.delete("/api/secrets/" + id)
                            .expect(409)
                            .json()
                            .get("message")
                            .asText())
                    .contains("repository of project");
        }

        @Test
        void unknownSecretIdsOnAClankerAre400() {
            var reply = api.post(
                            "/api/clankers",
                            Map.of(
                                    "name",
                                    "x",
                                    "agent",
                                    "codex",
                                    "deploymentStrategy",
                                    "local",
                                    "secretIds",
                                    List.of(UUID.randomUUID().toString())))
                    .expect(400);

            assertThat(reply.json().get("code").asText()).isEqualTo("INVALID_SECRET_IDS");
        }
    }

    @Nested
    class Jobs {
        @Test
        void aJobsWorkerReceivesItsSecretsAsFilesAndTheirValuesAreScrubbedFromItsLogs() {
            Fixtures fixtures = new Fixtures(api);
            String keyName = name();
            String tokenName = name();
            String key = create(Map.of("name", keyName, "storage", "database", "value", CANARY))
                    .get("id")
                    .asText();
            String token = create(Map.of("name", tokenName, "storage", "database", "value", CANARY + "-git"))
                    .get("id")
                    .asText();
            String project = fixtures.project("https://github.com/acme/shop.git");
            api.put(
                            "/api/projects/" + project + "/scm-config",
                            Map.of("repositoryUrl", "https://github.com/acme/shop.git", "credentialId", token))
                    .expect(200);
            String clanker = fixtures.activeClanker(Map.of("secretIds", List.of(key)));
            String jobId = fixtures.run(fixtures.executableTicket(project, "Secret run"), clanker)
                    .get("id")
                    .asText();

            RecordingWorker.Invocation worker = WORKER.awaitInvocation(jobId);
            assertThat(worker.secretFiles()).containsExactlyInAnyOrder(keyName, tokenName);
            // a private directory of owner-only files, removed once the worker has exited
            assertThat(worker.secretModes()).containsExactlyInAnyOrder(".:700", keyName + ":600", tokenName + ":600");
            Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> !java.nio.file.Files.exists(java.nio.file.Path.of(worker.secretsDirectory())));
            Api as = api.withHeader("X-Callback-Token", worker.token());
            JsonNode payload =
                    as.get("/api/jobs/" + jobId + "/bootstrap").expect(200).json();
            assertThat(payload.get("requiredCredentials"))
                    .extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(keyName, tokenName);
            assertThat(payload.at("/repository/credentialName").asText()).isEqualTo(tokenName);
            assertThat(payload.toString()).doesNotContain(CANARY);

            as.post(
                            "/api/jobs/" + jobId + "/logs/batch",
                            Map.of(
                                    "logs",
                                    List.of(Map.of(
                                            "level",
                                            "info",
                                            "message",
                                            "the agent printed " + CANARY + " and " + CANARY + "-git"))))
                    .expect(200);
            as.post(
                            "/api/jobs/" + jobId + "/result",
                            Map.of(
                                    "success",
                                    false,
                                    "outcome",
                                    "agent_failed",
                                    "errorMessage",
                                    "failed with key " + CANARY,
                                    "executionTimeMs",
                                    5))
                    .expect(200);

            String detail = api.get("/api/jobs/" + jobId).body();
            assertThat(detail).doesNotContain(CANARY).contains("[REDACTED]");
            String rows = jdbi.withHandle(h -> h.createQuery("select string_agg(message, ' ') from job_logs")
                            .mapTo(String.class)
                            .one())
                    + jdbi.withHandle(h -> h.createQuery(
                                    "select string_agg(coalesce(failure_detail, '') || result::text, ' ') from jobs")
                            .mapTo(String.class)
                            .one());
            assertThat(rows).doesNotContain(CANARY);
        }

        @Test
        void aSecretThatCannotBeReadFailsTheJobNamingItButNotItsValue() {
            Fixtures fixtures = new Fixtures(api);
            String missing = create(Map.of(
                            "name", name(), "storage", "env", "envName", "VIBERGLASS_TEST_VARIABLE_THAT_IS_NOT_SET"))
                    .get("id")
                    .asText();
            String clanker = fixtures.activeClanker(Map.of("secretIds", List.of(missing)));
            String jobId = fixtures.run(
                            fixtures.executableTicket(fixtures.project("https://github.com/a/b.git"), "No key"),
                            clanker)
                    .get("id")
                    .asText();

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> api.get("/api/jobs/" + jobId)
                            .json()
                            .get("status")
                            .asText()
                            .equals("failed"));

            JsonNode job = api.get("/api/jobs/" + jobId).json();
            assertThat(job.at("/failure/code").asText()).isEqualTo("CONFIG_INVALID");
            assertThat(job.at("/failure/technicalDetail").asText())
                    .contains("VIBERGLASS_TEST_VARIABLE_THAT_IS_NOT_SET");
        }
    }
}
