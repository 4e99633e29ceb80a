package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Slack request URL refuses what Slack did not sign, before anything parses or acts on it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlackRequestVerificationTest {
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SlackRequestVerificationTest.class);

    static final FakeSlack SLACK = new FakeSlack();
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, ConfigOverride.config("slack.apiUrl", SLACK.apiUrl()));

    private final SignedSlack slack = new SignedSlack(Api.anonymous(APP), SIGNING_SECRET);

    @BeforeAll
    static void signingSecret() {
        Api.of(APP)
                .post(
                        "/api/secrets",
                        Map.of("name", "SLACK_SIGNING_SECRET", "storage", "database", "value", SIGNING_SECRET))
                .expect(201);
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    private final byte[] body = "token=x&command=%2Fviberator&trigger_id=1".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWrongSignatureIsRefusedBeforeAnythingRuns() {
        long now = Instant.now().getEpochSecond();

        slack.send(body, "application/x-www-form-urlencoded", now, "v0=" + "0".repeat(64))
                .expect(401);
        slack.send(body, "application/x-www-form-urlencoded", now, SlackSignature.sign("other", now, body))
                .expect(401);

        assertThat(SLACK.calls("views.open")).isEmpty();
    }

    @Test
    void aStaleTimestampIsRefusedEvenWhenSignedCorrectly() {
        long sixMinutesAgo = Instant.now().minusSeconds(360).getEpochSecond();

        assertThat(slack.send(body, "application/x-www-form-urlencoded", sixMinutesAgo)
                        .expect(401)
                        .json()
                        .get("message")
                        .asText())
                .contains("timestamp");
    }

    @Test
    void anOversizedBodyIsRefused() {
        byte[] huge = new byte[300_000];
        java.util.Arrays.fill(huge, (byte) 'a');

        slack.send(huge, "application/x-www-form-urlencoded", Instant.now().getEpochSecond())
                .expect(413);
    }

    @Test
    void urlVerificationAnswersTheChallenge() {
        assertThat(slack.event("{\"token\":\"x\",\"challenge\":\"3eZbrw1aB\",\"type\":\"url_verification\"}")
                        .expect(200)
                        .body())
                .contains("3eZbrw1aB");
    }

    @Test
    void anUnsignedRequestIsRefusedWhoeverSendsIt() {
        Api.of(APP)
                .post("/api/webhooks/slack", Map.of("type", "url_verification", "challenge", "x"))
                .expect(401);
    }
}
