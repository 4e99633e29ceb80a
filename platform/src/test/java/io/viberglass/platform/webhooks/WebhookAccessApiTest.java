package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who may do what with integrations and webhooks: integrations are platform-wide (read by users, changed by admins),
 * webhooks and project links belong to their project (its admins change them; other projects' are not found), the
 * ingress needs no user, and the operational status is for administrators.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookAccessApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebhookAccessApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api admin = Api.of(APP);
    private final IntegrationFixtures fixtures = new IntegrationFixtures(admin);
    private Api user;
    private String owned;
    private String viewed;
    private String foreign;
    private String integration;

    @BeforeEach
    void scenery() {
        String email = "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@viberglass.test";
        admin.post("/api/users", Map.of("email", email, "name", "Dev", "password", "a long enough password 42"))
                .expect(201);
        String token = Api.anonymous(APP)
                .post("/api/auth/login", Map.of("email", email, "password", "a long enough password 42"))
                .expect(200)
                .json()
                .get("token")
                .asText();
        user = Api.anonymous(APP).as(token);
        owned = fixtures.project();
        viewed = fixtures.project();
        foreign = fixtures.project();
        admin.post("/api/projects/" + owned + "/members", Map.of("email", email, "role", "admin"))
                .expect(201);
        admin.post("/api/projects/" + viewed + "/members", Map.of("email", email, "role", "viewer"))
                .expect(201);
        integration = fixtures.integration("github", Map.of("owner", "acme", "repo", "shop"), "ghp_secret_token");
    }

    @Test
    void integrations_areReadByUsers_butChangedOnlyByAdmins() {
        user.get("/api/integrations").expect(200);
        user.get("/api/integrations/" + integration).expect(200);
        user.get("/api/integrations/types/available").expect(200);
        user.post("/api/integrations", Map.of("name", "Mine", "system", "custom"))
                .expect(403);
        user.put("/api/integrations/" + integration, Map.of("name", "Renamed")).expect(403);
        user.post("/api/integrations/" + integration + "/test", Map.of()).expect(403);
        user.delete("/api/integrations/" + integration).expect(403);
        Api.anonymous(APP).get("/api/integrations").expect(401);
    }

    @Test
    void projectLinks_needTheProjectsAdmin_andForeignProjectsAreNotFound() {
        String link = "/api/integrations/project/%s/link";
        user.post(link.formatted(owned), Map.of("integrationId", integration)).expect(201);
        user.get("/api/integrations/project/" + viewed).expect(200);
        user.post(link.formatted(viewed), Map.of("integrationId", integration)).expect(403);
        user.post(link.formatted(foreign), Map.of("integrationId", integration)).expect(404);
        user.get("/api/integrations/project/" + foreign).expect(404);
    }

    @Test
    void inboundWebhooks_belongToTheirProject() {
        String base = "/api/integrations/" + integration + "/webhooks/inbound";
        JsonNode mine = user.post(base, Map.of("projectId", owned)).expect(201).json();
        user.post(base, Map.of("projectId", viewed)).expect(403);
        user.post(base, Map.of("projectId", foreign)).expect(404);
        String other = fixtures.inbound(integration, foreign, "another-secret-of-16+", Map.of())
                .get("id")
                .asText();

        assertThat(user.get(base).expect(200).json())
                .extracting(w -> w.get("id").asText())
                .containsExactly(mine.get("id").asText());
        user.get(base + "/" + other).expect(404);
        user.put(base + "/" + other, Map.of("active", false)).expect(404);
        user.get(base + "/" + other + "/deliveries").expect(404);
        user.put(base + "/" + mine.get("id").asText(), Map.of("projectId", foreign))
                .expect(404);
        user.delete(base + "/" + mine.get("id").asText()).expect(204);
    }

    @Test
    void webhookStatus_isForAdministrators() {
        user.get("/api/webhooks/status").expect(403);
        admin.get("/api/webhooks/status").expect(200);
    }
}
