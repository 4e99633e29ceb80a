package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.RecordingWorker;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reviews of a pull request a run opened start follow-up runs on its branch, but only as many as the webhook allows:
 * the next review is logged as ignored, naming the limit, and starts nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FollowUpLimitTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(FollowUpLimitTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, WORKER.overrides(ConfigOverride.config("webhooks.pollInterval", "100ms")));

    static final String SECRET = "follow-" + "u".repeat(25);
    static final String PULL_REQUEST = "https://github.com/acme/shop/pull/7";
    static final String BRANCH =
            "viberator/greeting-" + UUID.randomUUID().toString().substring(0, 8);

    private final Api api = Api.of(APP);
    private final Fixtures fixtures = new Fixtures(api);
    private final IntegrationFixtures integrations = new IntegrationFixtures(api);
    private final WebhookSender sender = new WebhookSender(Api.anonymous(APP));

    @Test
    void reviewsBeyondTheWebhooksFollowUpLimit_areIgnoredAndStartNoRun() {
        String project = fixtures.project("https://github.com/acme/shop.git");
        String clanker = fixtures.activeClanker(Map.of());
        String ticket = fixtures.executableTicket(project, "Friendlier greeting");
        String opened = fixtures.run(ticket, clanker).get("id").asText();
        WORKER.finishWithPullRequest(api, opened, BRANCH, PULL_REQUEST);
        String integration = integrations.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
        String hook = integrations
                .inbound(integration, project, SECRET, Map.of("clankerId", clanker, "followUpLimit", 1))
                .get("id")
                .asText();

        JsonNode first = integrations.awaitDelivery(hook, review(hook, "review-1"));
        assertThat(first.get("status").asText()).isEqualTo("processed");
        assertThat(first.get("jobId").asText()).isNotEqualTo(opened);
        JsonNode followUp =
                api.get("/api/jobs/" + first.get("jobId").asText()).expect(200).json();
        assertThat(followUp.get("ticketId").asText()).isEqualTo(ticket);

        JsonNode second = integrations.awaitDelivery(hook, review(hook, "review-2"));
        assertThat(second.get("status").asText()).isEqualTo("ignored");
        assertThat(second.get("reason").asText())
                .isEqualTo("The follow-up limit of 1 runs for " + PULL_REQUEST + " is reached");
        assertThat(second.has("jobId")).isFalse();
        assertThat(api.get("/api/jobs?ticketId=" + ticket).json().get("data")).hasSize(2);
    }

    private Api.Reply review(String hook, String deliveryId) {
        byte[] body = WebhookSender.fixture("github/pull-request-review-submitted.json", Map.of("BRANCH", BRANCH));
        return sender.github(hook, SECRET, "pull_request_review", deliveryId, body);
    }
}
