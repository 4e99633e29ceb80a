package io.viberglass.platform.integrations;

import static io.viberglass.platform.integrations.CredentialFixtures.credentials;
import static io.viberglass.platform.integrations.CredentialFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Integration credentials over HTTP: write-only values backed by secrets, one default per integration, and deletion
 * refused while a repository pushes with one.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class IntegrationCredentialsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(IntegrationCredentialsApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);
    static final WireMockServer GITHUB = CredentialFixtures.githubApi();
    static final String VALUE = CredentialFixtures.VALUE;

    private final Api api = Api.of(APP);
    private final CredentialFixtures given = new CredentialFixtures(api, GITHUB);

    @AfterAll
    static void stop() {
        GITHUB.stop();
    }

    @Nested
    class Crud {
        @Test
        void createCredential_storesTheValueEncrypted_andNeverReturnsIt() {
            String integration = given.github();
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
            String integration = given.github();
            String first = id(given.credential(integration, "alpha", true, null));
            String second = id(given.credential(integration, "beta", true, null));

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
            String integration = given.github();
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
            String integration = given.github();
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
            given.credential(integration, "twice", false, null);
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
            String integration = given.github();
            String credential = id(given.credential(integration, "pusher", false, null));
            String project = given.project(integration, credential);
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
            String integration = given.github();
            String other = id(given.credential(given.github(), "elsewhere", false, null));
            String project = given.emptyProject();
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
}
