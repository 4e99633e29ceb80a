package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ingest keeps webhooks and their secrets in memory. With a cache lifetime of an hour, every change below must
 * still take effect on the very next delivery: nothing here waits for an entry to expire.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookConfigCacheTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebhookConfigCacheTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            ConfigOverride.config("webhooks.configCacheTtl", "1h"),
            ConfigOverride.config("webhooks.enabled", "false"));

    static final String SECRET = "first-" + "s".repeat(26);
    static final String ROTATED = "second-" + "r".repeat(25);

    private final Api api = Api.of(APP);
    private final WebhookSender sender = new WebhookSender(Api.anonymous(APP));
    private final IntegrationFixtures fixtures = new IntegrationFixtures(api);
    private String integration;
    private String webhook;

    @BeforeEach
    void aCachedGitHubWebhook() {
        IntegrationFixtures.InboundHook hook = fixtures.githubWebhook(SECRET);
        integration = hook.integrationId();
        webhook = hook.id();
        deliver(SECRET).expect(202);
    }

    @Test
    void aRotatedSecret_refusesTheOldSignatureAndAcceptsTheNewOne_atOnce() {
        api.put(inbound(), Map.of("webhookSecret", ROTATED)).expect(200);

        deliver(SECRET).expect(401);
        assertThat(deliver(ROTATED).expect(202).json().get("status").asText()).isEqualTo("received");
    }

    @Test
    void aDeactivatedWebhook_ignoresTheNextDelivery() {
        api.put(inbound(), Map.of("active", false)).expect(200);

        JsonNode reply = deliver(SECRET).expect(202).json();
        assertThat(reply.get("status").asText()).isEqualTo("ignored");
        assertThat(reply.get("reason").asText()).isEqualTo("The webhook is inactive");
    }

    @Test
    void aDeletedWebhook_answers404() {
        api.delete(inbound()).expect(204);

        deliver(SECRET).expect(404);
    }

    @Test
    void aWebhookDeletedWithItsIntegration_answers404_thoughItsEntryWasNotDropped() {
        api.delete("/api/integrations/" + integration).expect(204);

        deliver(SECRET).expect(404);
    }

    @Test
    void aManagedSecretRotatedThroughTheSecretsApi_acceptsTheNewSignatureAtOnce() {
        String secret = fixtures.managedSecret(SECRET);
        api.put(inbound(), Map.of("webhookSecretId", secret)).expect(200);
        deliver(SECRET).expect(202);

        api.put("/api/secrets/" + secret, Map.of("value", ROTATED)).expect(200);

        deliver(ROTATED).expect(202);
    }

    @Test
    void aReplayedDeliveryIsStillADuplicate() {
        String id = "replayed-" + UUID.randomUUID();
        sender.github(webhook, SECRET, "issues", id, body()).expect(202);

        JsonNode duplicate =
                sender.github(webhook, SECRET, "issues", id, body()).expect(200).json();
        assertThat(duplicate.get("status").asText()).isEqualTo("duplicate");
    }

    private Api.Reply deliver(String secret) {
        return sender.github(webhook, secret, "issues", "d-" + UUID.randomUUID(), body());
    }

    private static byte[] body() {
        return WebhookSender.fixture("github/issues-opened.json");
    }

    private String inbound() {
        return "/api/integrations/" + integration + "/webhooks/inbound/" + webhook;
    }
}
