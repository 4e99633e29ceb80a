package io.viberglass.platform.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.Base64;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(DropwizardExtensionsSupport.class)
class IntegrationsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(IntegrationsApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);
    static final WireMockServer PROVIDER = start();
    static final String TOKEN = "ghp_" + "t0ken".repeat(8);

    private final Api api = Api.of(APP);
    private final IntegrationFixtures fixtures = new IntegrationFixtures(api);

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @Nested
    class Crud {
        @Test
        void createIntegration_storesTheTokenAsASecret_andNeverReturnsIt() {
            Api.Reply created = api.post(
                            "/api/integrations",
                            Map.of(
                                    "name",
                                    "Shop on GitHub",
                                    "system",
                                    "github",
                                    "config",
                                    Map.of("owner", "acme", "repo", "shop"),
                                    "token",
                                    TOKEN))
                    .expect(201);
            JsonNode integration = created.json();
            assertThat(created.header("Location"))
                    .endsWith("/api/integrations/" + integration.get("id").asText());
            assertThat(integration.get("category").asText()).isEqualTo("scm");
            assertThat(integration.get("hasToken").asBoolean()).isTrue();
            assertThat(integration.has("tokenSecretId")).isFalse();
            assertThat(created.body()).doesNotContain(TOKEN);

            String id = integration.get("id").asText();
            assertThat(api.get("/api/integrations/" + id).body()).doesNotContain(TOKEN);
            assertThat(api.get("/api/integrations?system=github")
                            .json()
                            .at("/data/0/id")
                            .asText())
                    .isEqualTo(id);
            String ciphertext = jdbi().withHandle(
                            h -> h.createQuery("select encode(ciphertext, 'hex') from secrets s join integrations i "
                                            + "on i.token_secret_id = s.id where i.id = cast(:id as uuid)")
                                    .bind("id", id)
                                    .mapTo(String.class)
                                    .one());
            assertThat(ciphertext).isNotBlank().doesNotContain(TOKEN);
        }

        @Test
        void createIntegration_missingRequiredSettings_returns400NamingThem() {
            JsonNode error = api.post(
                            "/api/integrations",
                            Map.of("name", "Jira", "system", "jira", "config", Map.of("instanceUrl", "ftp://x")))
                    .expect(400)
                    .json();
            assertThat(error.get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains("config.instanceUrl");
        }

        @Test
        void createIntegration_unknownSystem_returns400() {
            api.post("/api/integrations", Map.of("name", "Linear", "system", "linear"))
                    .expect(400);
        }

        @Test
        void createIntegration_settingThatLooksLikeACredential_isRefused() {
            JsonNode error = api.post(
                            "/api/integrations",
                            Map.of(
                                    "name", "Leaky",
                                    "system", "shortcut",
                                    "config", Map.of("apiToken", "abc")))
                    .expect(400)
                    .json();
            assertThat(error.at("/details/0/field").asText()).isEqualTo("config.apiToken");
        }

        @Test
        void updateIntegration_mergesSettings_rotatesTheToken_andEmptyTokenRemovesIt() {
            String id = fixtures.integration("gitlab", Map.of("projectPath", "acme/shop"), "glpat-one");
            JsonNode updated = api.put(
                            "/api/integrations/" + id,
                            Map.of("config", Map.of("baseUrl", "https://gitlab.example.com"), "token", "glpat-two"))
                    .expect(200)
                    .json();
            assertThat(updated.at("/config/projectPath").asText()).isEqualTo("acme/shop");
            assertThat(updated.at("/config/baseUrl").asText()).isEqualTo("https://gitlab.example.com");
            assertThat(secretCount()).isPositive();

            long before = secretCount();
            JsonNode cleared = api.put("/api/integrations/" + id, Map.of("token", ""))
                    .expect(200)
                    .json();
            assertThat(cleared.get("hasToken").asBoolean()).isFalse();
            assertThat(secretCount()).isEqualTo(before - 1);
        }

        @Test
        void deleteIntegration_removesItsOwnedSecrets() {
            String id = fixtures.integration("shortcut", Map.of(), "sc-token");
            long before = secretCount();
            api.delete("/api/integrations/" + id).expect(204);
            api.get("/api/integrations/" + id).expect(404);
            assertThat(secretCount()).isEqualTo(before - 1);
        }

        @Test
        void webhooksMovedToAnotherProject_takeTheirSecrets_soDeletingEitherProjectWorks() {
            String integration = fixtures.integration("custom", Map.of(), null);
            String first = fixtures.project();
            String second = fixtures.project();
            String hook = fixtures.inbound(integration, first, "a-webhook-secret-of-16+", Map.of())
                    .get("id")
                    .asText();
            String target = api.post(
                            "/api/integrations/" + integration + "/webhooks/outbound",
                            Map.of(
                                    "name",
                                    "Sink",
                                    "projectId",
                                    first,
                                    "targetUrl",
                                    "https://sink.example.com",
                                    "signingSecret",
                                    "a-signing-secret-of-16+"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asText();
            api.put("/api/integrations/" + integration + "/webhooks/inbound/" + hook, Map.of("projectId", second))
                    .expect(200);
            api.put("/api/integrations/" + integration + "/webhooks/outbound/" + target, Map.of("projectId", second))
                    .expect(200);
            long before = secretCount();

            api.delete("/api/projects/" + first).expect(204);
            assertThat(secretCount()).isEqualTo(before);
            api.delete("/api/projects/" + second).expect(204);
            assertThat(secretCount()).isEqualTo(before - 2);
            api.get("/api/integrations/" + integration + "/webhooks/inbound/" + hook)
                    .expect(404);
        }

        @Test
        void availableTypes_listEverySystemWithItsSettingsAndEvents() {
            JsonNode types =
                    api.get("/api/integrations/types/available").expect(200).json();
            assertThat(types)
                    .extracting(t -> t.get("id").asText())
                    .containsExactly("github", "gitlab", "jira", "shortcut", "slack", "custom");
            assertThat(types.get(0).get("inboundEvents"))
                    .extracting(JsonNode::asText)
                    .contains("issues.opened");
        }
    }

    @Nested
    class ConnectionTest {
        @Test
        void github_callsUserWithTheToken() {
            String id = fixtures.integration(
                    "github", Map.of("owner", "acme", "repo", "shop", "apiUrl", PROVIDER.baseUrl()), TOKEN);
            JsonNode result = api.post("/api/integrations/" + id + "/test", Map.of())
                    .expect(200)
                    .json();
            assertThat(result.get("success").asBoolean()).isTrue();
            PROVIDER.verify(
                    getRequestedFor(urlPathEqualTo("/user")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
            assertThat(result.toString()).doesNotContain(TOKEN);
        }

        @Test
        void jira_cloud_usesBasicAuthWithTheEmail() {
            String id = fixtures.integration(
                    "jira", Map.of("instanceUrl", PROVIDER.baseUrl(), "email", "bot@acme.test"), "jira-token");
            assertThat(api.post("/api/integrations/" + id + "/test", Map.of())
                            .json()
                            .get("success")
                            .asBoolean())
                    .isTrue();
            String basic = Base64.getEncoder().encodeToString("bot@acme.test:jira-token".getBytes());
            PROVIDER.verify(getRequestedFor(urlPathEqualTo("/rest/api/3/myself"))
                    .withHeader("Authorization", equalTo("Basic " + basic)));
        }

        @Test
        void gitlabAndShortcut_sendTheirOwnTokenHeaders() {
            String gitlab = fixtures.integration(
                    "gitlab", Map.of("projectPath", "acme/shop", "baseUrl", PROVIDER.baseUrl()), "glpat-x");
            String shortcut = fixtures.integration("shortcut", Map.of("apiUrl", PROVIDER.baseUrl()), "sc-x");
            api.post("/api/integrations/" + gitlab + "/test", Map.of()).expect(200);
            api.post("/api/integrations/" + shortcut + "/test", Map.of()).expect(200);
            PROVIDER.verify(
                    getRequestedFor(urlPathEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo("glpat-x")));
            PROVIDER.verify(
                    getRequestedFor(urlPathEqualTo("/api/v3/member")).withHeader("Shortcut-Token", equalTo("sc-x")));
        }

        @Test
        void rejectedToken_reportsFailureWithTheStatus() {
            String id = fixtures.integration(
                    "github", Map.of("owner", "acme", "repo", "shop", "apiUrl", PROVIDER.baseUrl() + "/bad"), TOKEN);
            JsonNode result = api.post("/api/integrations/" + id + "/test", Map.of())
                    .expect(200)
                    .json();
            assertThat(result.get("success").asBoolean()).isFalse();
            assertThat(result.get("statusCode").asInt()).isEqualTo(401);
        }

        @Test
        void noToken_reportsFailureWithoutCalling() {
            String id = fixtures.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
            JsonNode result = api.post("/api/integrations/" + id + "/test", Map.of())
                    .expect(200)
                    .json();
            assertThat(result.get("success").asBoolean()).isFalse();
            assertThat(result.get("message").asText()).contains("No API token");
        }
    }

    @Nested
    class ProjectLinks {
        @Test
        void linkAsPrimary_setsTheProjectsPrimaryScm_andAnotherScmTakesOver() {
            String project = fixtures.project();
            String first = fixtures.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
            String second = fixtures.integration("gitlab", Map.of("projectPath", "acme/shop"), null);
            api.post(
                            "/api/integrations/project/" + project + "/link",
                            Map.of("integrationId", first, "isPrimary", true))
                    .expect(201);
            api.post("/api/integrations/project/" + project + "/link", Map.of("integrationId", second))
                    .expect(201);
            api.post("/api/integrations/project/" + project + "/link", Map.of("integrationId", second))
                    .expect(409);
            assertThat(api.get("/api/projects/" + project)
                            .json()
                            .get("primaryScmIntegrationId")
                            .asText())
                    .isEqualTo(first);

            api.put("/api/integrations/project/" + project + "/primary/" + second, Map.of())
                    .expect(200);
            JsonNode links =
                    api.get("/api/integrations/project/" + project).expect(200).json();
            assertThat(links)
                    .extracting(l -> l.get("integrationId").asText() + "="
                            + l.get("primary").asBoolean())
                    .containsExactlyInAnyOrder(first + "=false", second + "=true");
            assertThat(api.get("/api/projects/" + project)
                            .json()
                            .get("primaryScmIntegrationId")
                            .asText())
                    .isEqualTo(second);

            api.delete("/api/integrations/project/" + project + "/link/" + second)
                    .expect(204);
            assertThat(api.get("/api/projects/" + project).json().has("primaryScmIntegrationId"))
                    .isFalse();
        }

        @Test
        void customIntegration_cannotBePrimary_andUnlinkedOnesAre404() {
            String project = fixtures.project();
            String custom = fixtures.integration("custom", Map.of(), null);
            api.put("/api/integrations/project/" + project + "/primary/" + custom, Map.of())
                    .expect(404);
            api.post(
                            "/api/integrations/project/" + project + "/link",
                            Map.of("integrationId", custom, "isPrimary", true))
                    .expect(400);
            api.get("/api/integrations/project/" + java.util.UUID.randomUUID()).expect(404);
        }
    }

    private static long secretCount() {
        return jdbi().withHandle(h ->
                h.createQuery("select count(*) from secrets").mapTo(Long.class).one());
    }

    private static Jdbi jdbi() {
        return Jdbi.create(DB.dataSource());
    }

    private static WireMockServer start() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/user")).willReturn(okJson("{\"login\":\"viberglass-bot\",\"id\":99}")));
        server.stubFor(get(urlPathEqualTo("/bad/user"))
                .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));
        server.stubFor(get(urlPathEqualTo("/rest/api/3/myself")).willReturn(okJson("{\"accountId\":\"5b10\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v4/user")).willReturn(okJson("{\"id\":1,\"username\":\"bot\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v3/member")).willReturn(okJson("{\"id\":\"56d8\"}")));
        return server;
    }
}
