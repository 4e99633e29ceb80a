package io.viberglass.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.security.Hmac;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ingress: what a delivery must get past before it is stored, and how each kind of bad input is answered. */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookIngressApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebhookIngressApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            ConfigOverride.config("webhooks.maxBodyBytes", "65536"),
            ConfigOverride.config("webhooks.pollInterval", "100ms"));

    static final String SECRET = "s3cret-" + "x".repeat(24);

    private final Api api = Api.of(APP);
    private final WebhookSender sender = new WebhookSender(Api.anonymous(APP));
    private final IntegrationFixtures fixtures = new IntegrationFixtures(api);
    private String integration;
    private String webhook;

    @BeforeEach
    void githubWebhook() {
        IntegrationFixtures.InboundHook hook = fixtures.githubWebhook(SECRET);
        integration = hook.integrationId();
        webhook = hook.id();
    }

    @Nested
    class Accepted {
        @Test
        void signedDelivery_isStoredAndAnswered202_thenProcessedFromTheTable() {
            long started = System.nanoTime();
            JsonNode reply = sender.github(
                            webhook, SECRET, "issues", "d-1", WebhookSender.fixture("github/issues-opened.json"))
                    .expect(202)
                    .json();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(reply.get("status").asText()).isEqualTo("received");
            assertThat(reply.get("deliveryId").asText()).isEqualTo("d-1");

            JsonNode delivery = awaitFinal(reply.get("id").asText());
            assertThat(delivery.get("status").asText()).isEqualTo("processed");
            assertThat(delivery.get("eventType").asText()).isEqualTo("issues.opened");
            assertThat(delivery.get("headers").get("X-GitHub-Event").asText()).isEqualTo("issues");
            assertThat(delivery.get("headers").has("X-Hub-Signature-256")).isFalse();
            JsonNode ticket = api.get("/api/tickets/" + delivery.get("ticketId").asText())
                    .expect(200)
                    .json();
            assertThat(ticket.get("title").asText()).isEqualTo("Checkout button does nothing on Safari");
            assertThat(ticket.get("ticketSystem").asText()).isEqualTo("github");
            assertThat(ticket.get("externalTicketId").asText()).isEqualTo("42");
            assertThat(ticket.get("severity").asText()).isEqualTo("high");
            assertThat(ticket.get("status").asText()).isEqualTo("open");
        }

        @Test
        void replayedDeliveryId_answers200Duplicate_andProcessesNothingNew() {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            String first = sender.github(webhook, SECRET, "issues", "d-replay", body)
                    .expect(202)
                    .json()
                    .get("id")
                    .asText();
            awaitFinal(first);
            JsonNode again = sender.github(webhook, SECRET, "issues", "d-replay", body)
                    .expect(200)
                    .json();
            assertThat(again.get("message").asText()).isEqualTo("Duplicate delivery");
            assertThat(again.get("id").asText()).isEqualTo(first);
            assertThat(deliveries()).isEqualTo(1);
            assertThat(tickets()).isEqualTo(1);
        }

        @Test
        void sameIssueUnderANewDeliveryId_reusesItsTicket() {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            awaitFinal(sender.github(webhook, SECRET, "issues", "d-a", body)
                    .json()
                    .get("id")
                    .asText());
            JsonNode second = awaitFinal(sender.github(webhook, SECRET, "issues", "d-b", body)
                    .json()
                    .get("id")
                    .asText());
            assertThat(second.get("reason").asText()).contains("already existed");
            assertThat(tickets()).isEqualTo(1);
        }

        @Test
        void unhandledEventType_answers202Ignored_andIsLoggedWithTheReason() {
            JsonNode reply = sender.github(
                            webhook, SECRET, "push", "d-push", "{\"ref\":\"refs/heads/main\"}".getBytes())
                    .expect(202)
                    .json();
            assertThat(reply.get("status").asText()).isEqualTo("ignored");
            assertThat(reply.get("reason").asText()).contains("push");
            JsonNode ping = sender.github(
                            webhook, SECRET, "ping", "d-ping", "{\"zen\":\"Keep it logically awesome.\"}".getBytes())
                    .expect(202)
                    .json();
            assertThat(ping.get("status").asText()).isEqualTo("ignored");
        }

        @Test
        void unhandledAction_isIgnoredAfterProcessing() {
            byte[] closed = new String(WebhookSender.fixture("github/issues-opened.json"), StandardCharsets.UTF_8)
                    .replace("\"action\": \"opened\"", "\"action\": \"closed\"")
                    .getBytes(StandardCharsets.UTF_8);
            JsonNode delivery = awaitFinal(sender.github(webhook, SECRET, "issues", "d-closed", closed)
                    .expect(202)
                    .json()
                    .get("id")
                    .asText());
            assertThat(delivery.get("status").asText()).isEqualTo("ignored");
            assertThat(delivery.get("eventType").asText()).isEqualTo("issues.closed");
            assertThat(tickets()).isZero();
        }

        @Test
        void olderSha1Signature_isAcceptedToo() {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            sender.post(
                            "github",
                            webhook,
                            Map.of(
                                    "X-GitHub-Event", "issues",
                                    "X-GitHub-Delivery", "d-sha1",
                                    "X-Hub-Signature", Hmac.prefixedHex(Hmac.Algorithm.SHA1, SECRET, body)),
                            body)
                    .expect(202);
        }
    }

    @Nested
    class Rejected {
        @Test
        void wrongSignature_is401_storesNothing_andCountsTheRejection() {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            JsonNode error = sender.github(webhook, "another-secret-entirely", "issues", "d-bad", body)
                    .expect(401)
                    .json();
            assertThat(error.get("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
            sender.post("github", webhook, Map.of("X-GitHub-Event", "issues", "X-GitHub-Delivery", "d-none"), body)
                    .expect(401);
            assertThat(deliveries()).isZero();
            JsonNode config = api.get("/api/integrations/" + integration + "/webhooks/inbound/" + webhook)
                    .json();
            assertThat(config.get("rejectedCount").asInt()).isEqualTo(2);
        }

        @Test
        void bodyChangedAfterSigning_is401() {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            String signature = Hmac.prefixedHex(Hmac.Algorithm.SHA256, SECRET, body);
            byte[] tampered = new String(body, StandardCharsets.UTF_8)
                    .replace("Safari", "Chrome")
                    .getBytes();
            sender.post(
                            "github",
                            webhook,
                            Map.of(
                                    "X-GitHub-Event",
                                    "issues",
                                    "X-GitHub-Delivery",
                                    "d-t",
                                    "X-Hub-Signature-256",
                                    signature),
                            tampered)
                    .expect(401);
        }

        @Test
        void badSignatureWithMalformedBody_is401_notParsed() {
            sender.post(
                            "github",
                            webhook,
                            Map.of(
                                    "X-GitHub-Event",
                                    "issues",
                                    "X-GitHub-Delivery",
                                    "d-m",
                                    "X-Hub-Signature-256",
                                    "sha256=00"),
                            "{not json".getBytes())
                    .expect(401);
            assertThat(deliveries()).isZero();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "github/00000000-0000-0000-0000-000000000000",
                    "github/not-a-uuid",
                    "bitbucket/ID",
                    "slack/ID",
                    "gitlab/ID"
                })
        void unknownWebhook_is404_withTheSameAnswerWhateverTheReason(String path) {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            Api.Reply reply = api.send(api.builder("/api/webhooks/" + path.replace("ID", webhook))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "issues")
                    .header("X-Hub-Signature-256", Hmac.prefixedHex(Hmac.Algorithm.SHA256, SECRET, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            reply.expect(404);
            assertThat(reply.json().get("message").asText()).isEqualTo("No webhook at this address");
        }

        @Test
        void malformedJsonWithAValidSignature_is400_andLoggedAsFailed() {
            byte[] body = "{\"action\": \"opened\", \"issue\": ".getBytes();
            JsonNode error = sender.github(webhook, SECRET, "issues", "d-broken", body)
                    .expect(400)
                    .json();
            assertThat(error.get("code").asText()).isEqualTo("WEBHOOK_BODY_MALFORMED");
            JsonNode log = api.get("/api/integrations/" + integration + "/webhooks/inbound/" + webhook
                            + "/deliveries?status=failed")
                    .expect(200)
                    .json();
            assertThat(log.at("/data/0/deliveryId").asText()).isEqualTo("d-broken");
            assertThat(log.at("/data/0/reason").asText()).contains("not valid JSON");
            assertThat(log.at("/data/0/retryable").asBoolean()).isTrue();
        }

        @Test
        void bodyOverTheWebhookLimit_is413_whetherDeclaredOrStreamed() {
            byte[] huge = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes();
            JsonNode declared = sender.github(webhook, SECRET, "issues", "d-huge", huge)
                    .expect(413)
                    .json();
            assertThat(declared.get("code").asText()).isEqualTo("WEBHOOK_BODY_TOO_LARGE");
            Api.Reply streamed = api.send(api.builder("/api/webhooks/github/" + webhook)
                    .header("X-GitHub-Event", "issues")
                    .header("X-Hub-Signature-256", Hmac.prefixedHex(Hmac.Algorithm.SHA256, SECRET, huge))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));
            streamed.expect(413);
            assertThat(deliveries()).isZero();
        }
    }

    @Nested
    class DeliveryLog {
        @Test
        void failedDelivery_canBeRedelivered_andProcessedOnes_cannot() {
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            String processed = sender.github(webhook, SECRET, "issues", "d-ok", body)
                    .json()
                    .get("id")
                    .asText();
            awaitFinal(processed);
            String base = "/api/integrations/" + integration + "/webhooks/inbound/" + webhook + "/deliveries/";
            api.post(base + processed + "/redeliver", Map.of()).expect(409);

            // a delivery that is ignored because its event was not enabled is processed once the filter allows it
            api.put(
                            "/api/integrations/" + integration + "/webhooks/inbound/" + webhook,
                            Map.of("allowedEvents", java.util.List.of("issue_comment")))
                    .expect(200);
            byte[] other = new String(body, StandardCharsets.UTF_8)
                    .replace("\"number\": 42", "\"number\": 43")
                    .getBytes();
            String ignored = sender.github(webhook, SECRET, "issues", "d-later", other)
                    .json()
                    .get("id")
                    .asText();
            assertThat(awaitFinal(ignored).get("reason").asText()).contains("not enabled");
            api.put(
                            "/api/integrations/" + integration + "/webhooks/inbound/" + webhook,
                            Map.of("allowedEvents", java.util.List.of("*")))
                    .expect(200);
            JsonNode requeued = api.post(base + ignored + "/redeliver", Map.of())
                    .expect(202)
                    .json();
            assertThat(requeued.get("status").asText()).isIn("received", "processing", "processed");
            assertThat(awaitFinal(ignored).get("status").asText()).isEqualTo("processed");
            assertThat(tickets()).isEqualTo(2);

            JsonNode one = api.get(base + ignored).expect(200).json();
            assertThat(one.get("body").asText()).contains("\"number\": 43");
            api.get(base + UUID.randomUUID()).expect(404);
        }

        @Test
        void status_countsDeliveriesAndFailuresPerWebhook() {
            sender.github(webhook, SECRET, "issues", "d-bad-json", "{".getBytes())
                    .expect(400);
            awaitFinal(sender.github(
                            webhook, SECRET, "issues", "d-good", WebhookSender.fixture("github/issues-opened.json"))
                    .json()
                    .get("id")
                    .asText());
            sender.github(webhook, "wrong-secret-value", "issues", "d-x", "{}".getBytes())
                    .expect(401);
            JsonNode status = api.get("/api/webhooks/status").expect(200).json();
            JsonNode mine = null;
            for (JsonNode candidate : status.get("webhooks")) {
                if (candidate.get("id").asText().equals(webhook)) {
                    mine = candidate;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.at("/deliveries/received").asInt()).isEqualTo(2);
            assertThat(mine.at("/deliveries/failed").asInt()).isEqualTo(1);
            assertThat(mine.at("/deliveries/failureRate").asDouble()).isEqualTo(0.5);
            assertThat(mine.get("rejected").asInt()).isEqualTo(1);
            assertThat(status.at("/failedDeliveries/count").asInt()).isPositive();
        }
    }

    private JsonNode awaitFinal(String deliveryRowId) {
        String path =
                "/api/integrations/" + integration + "/webhooks/inbound/" + webhook + "/deliveries/" + deliveryRowId;
        return await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(path).json(), d -> java.util.List.of("processed", "ignored", "failed")
                        .contains(d.get("status").asText()));
    }

    private long deliveries() {
        return jdbi().withHandle(h -> h.createQuery(
                        "select count(*) from webhook_deliveries where config_id = cast(:id as uuid)")
                .bind("id", webhook)
                .mapTo(Long.class)
                .one());
    }

    private long tickets() {
        return jdbi().withHandle(h -> h.createQuery("select count(distinct ticket_id) from webhook_deliveries "
                        + "where config_id = cast(:id as uuid)")
                .bind("id", webhook)
                .mapTo(Long.class)
                .one());
    }

    private static Jdbi jdbi() {
        return Jdbi.create(DB.dataSource());
    }
}
