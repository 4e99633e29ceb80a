package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas on one database, each with its own webhook cache kept for an hour. A webhook's secret is rotated (or the
 * webhook deleted) through replica A; replica B, which had the old secret cached, must refuse the old signature as
 * soon as the change's notification reaches it, long before its cache would expire. Nothing sleeps: each check polls
 * replica B for at most a few seconds.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookConfigReplicasTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebhookConfigReplicasTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> REPLICA_A = replica("a");
    static final DropwizardAppExtension<PlatformConfiguration> REPLICA_B = replica("b");

    static final String SECRET = "first-" + "s".repeat(26);
    static final String ROTATED = "second-" + "r".repeat(25);

    private final Api apiA = Api.of(REPLICA_A);
    private final WebhookSender toB = new WebhookSender(Api.anonymous(REPLICA_B));
    private final IntegrationFixtures fixtures = new IntegrationFixtures(apiA);
    private String integration;
    private String webhook;

    static DropwizardAppExtension<PlatformConfiguration> replica(String name) {
        return TestApp.replica(
                name,
                DB,
                Map.of("webhooks.configCacheTtl", "1h", "webhooks.enabled", "false", "dispatch.enabled", "false"));
    }

    /** Bounded and fine-grained: the notification normally arrives within milliseconds of the commit. */
    private static ConditionFactory untilReplicaBHearsIt() {
        return Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20));
    }

    @BeforeEach
    void aWebhookCachedOnReplicaB() {
        IntegrationFixtures.InboundHook hook = fixtures.githubWebhook(SECRET);
        integration = hook.integrationId();
        webhook = hook.id();
        deliverToB(SECRET).expect(202);
    }

    @Test
    void aSecretRotatedOnReplicaA_isRefusedByReplicaB_withoutWaitingForItsCache() {
        apiA.put(inbound(), Map.of("webhookSecret", ROTATED)).expect(200);

        untilReplicaBHearsIt().until(() -> deliverToB(SECRET).status(), status -> status == 401);
        assertThat(deliverToB(ROTATED).expect(202).json().get("status").asText())
                .isEqualTo("received");
    }

    @Test
    void aManagedSecretRotatedThroughTheSecretsApiOnReplicaA_isRefusedByReplicaB() {
        String secret = fixtures.managedSecret(SECRET);
        apiA.put(inbound(), Map.of("webhookSecretId", secret)).expect(200);
        untilReplicaBHearsIt().until(() -> deliverToB(SECRET).status(), status -> status == 202);

        apiA.put("/api/secrets/" + secret, Map.of("value", ROTATED)).expect(200);

        untilReplicaBHearsIt().until(() -> deliverToB(SECRET).status(), status -> status == 401);
        deliverToB(ROTATED).expect(202);
    }

    @Test
    void aWebhookDeletedOnReplicaA_isGoneOnReplicaB() {
        apiA.delete(inbound()).expect(204);

        untilReplicaBHearsIt().until(() -> deliverToB(SECRET).status(), status -> status == 404);
    }

    private Api.Reply deliverToB(String secret) {
        return toB.github(
                webhook,
                secret,
                "issues",
                "d-" + UUID.randomUUID(),
                WebhookSender.fixture("github/issues-opened.json"));
    }

    private String inbound() {
        return "/api/integrations/" + integration + "/webhooks/inbound/" + webhook;
    }
}
