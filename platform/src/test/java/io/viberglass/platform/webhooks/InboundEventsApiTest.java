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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each provider's real payloads through the whole inbound path: ticket fields, severity, auto-execute policies and
 * comment triggers, with the runs they start dispatched to a worker (upstream left webhook-started jobs queued).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InboundEventsApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(InboundEventsApiTest.class);

    static final RecordingWorker WORKER = new RecordingWorker();
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, WORKER.overrides(ConfigOverride.config("webhooks.pollInterval", "100ms")));
    static final String SECRET = "hook-secret-" + "z".repeat(20);
    static final String BOT = "viberglass-bot";

    private final Api api = Api.of(APP);
    private final WebhookSender sender = new WebhookSender(Api.anonymous(APP));
    private final IntegrationFixtures integrations = new IntegrationFixtures(api);
    private final Fixtures fixtures = new Fixtures(api);
    private String project;
    private String clanker;

    @BeforeEach
    void scenery() {
        project = fixtures.project("https://github.com/acme/shop.git");
        clanker = fixtures.activeClanker(Map.of());
    }

    @Nested
    class GitHub {
        @Test
        void issueOpened_onAnAutoExecuteWebhook_becomesATicketWhoseRunIsDispatched() {
            String hook = webhook("github", Map.of("owner", "acme", "repo", "shop"), Map.of("autoExecute", true));
            JsonNode delivery = deliver(
                    hook,
                    sender.github(hook, SECRET, "issues", id(), WebhookSender.fixture("github/issues-opened.json")));

            assertThat(delivery.get("status").asText()).isEqualTo("processed");
            JsonNode ticket =
                    api.get("/api/tickets/" + delivery.get("ticketId").asText()).json();
            assertThat(ticket.get("workflowPhase").asText()).isEqualTo("execution");
            assertThat(ticket.get("autoFixRequested").asBoolean()).isTrue();
            assertThat(ticket.at("/metadata/repository").asText()).isEqualTo("acme/shop");
            assertThat(ticket.at("/metadata/inboundConfigId").asText()).isEqualTo(hook);
            String jobId = delivery.get("jobId").asText();
            JsonNode job = api.get("/api/jobs/" + jobId).expect(200).json();
            assertThat(job.get("kind").asText()).isEqualTo("execution");
            assertThat(job.get("clankerId").asText()).isEqualTo(clanker);
            assertThat(WORKER.awaitInvocation(jobId).subcommand()).isEqualTo("job");
        }

        @Test
        void labelGated_startsTheRunOnlyWhenARequiredLabelArrives() {
            String hook = webhook(
                    "github",
                    Map.of("owner", "acme", "repo", "shop"),
                    Map.of(
                            "autoExecute",
                            true,
                            "autoExecuteMode",
                            "label_gated",
                            "requiredLabels",
                            List.of("AutoFix")));
            JsonNode opened = deliver(
                    hook,
                    sender.github(hook, SECRET, "issues", id(), WebhookSender.fixture("github/issues-opened.json")));
            assertThat(opened.get("status").asText()).isEqualTo("processed");
            assertThat(opened.has("jobId")).isFalse();
            assertThat(api.get("/api/tickets/" + opened.get("ticketId").asText())
                            .json()
                            .get("workflowPhase")
                            .asText())
                    .isEqualTo("research");

            JsonNode labeled = deliver(
                    hook,
                    sender.github(hook, SECRET, "issues", id(), WebhookSender.fixture("github/issues-labeled.json")));
            assertThat(labeled.get("ticketId").asText())
                    .isEqualTo(opened.get("ticketId").asText());
            WORKER.awaitInvocation(labeled.get("jobId").asText());

            byte[] otherLabel = new String(WebhookSender.fixture("github/issues-labeled.json"), StandardCharsets.UTF_8)
                    .replace("\"name\": \"autofix\"", "\"name\": \"wontfix\"")
                    .getBytes(StandardCharsets.UTF_8);
            JsonNode ignored = deliver(hook, sender.github(hook, SECRET, "issues", id(), otherLabel));
            assertThat(ignored.get("status").asText()).isEqualTo("ignored");
            assertThat(ignored.get("reason").asText()).contains("wontfix");
        }

        @Test
        void commentMentioningTheBot_startsARun_butTheBotsOwnAndIdleCommentsDoNot() {
            String hook = webhook("github", Map.of("owner", "acme", "repo", "shop"), Map.of("botUsername", BOT));
            JsonNode asked = deliver(
                    hook,
                    sender.github(
                            hook,
                            SECRET,
                            "issue_comment",
                            id(),
                            WebhookSender.fixture("github/issue-comment-created.json")));
            assertThat(asked.get("status").asText()).isEqualTo("processed");
            WORKER.awaitInvocation(asked.get("jobId").asText());

            String own = comment("@viberglass-bot fix this", BOT);
            JsonNode fromBot = deliver(hook, sender.github(hook, SECRET, "issue_comment", id(), own.getBytes()));
            assertThat(fromBot.get("reason").asText()).contains("bot's own");
            String idle = comment("@viberglass-bot what do you think?", "maria");
            JsonNode chat = deliver(hook, sender.github(hook, SECRET, "issue_comment", id(), idle.getBytes()));
            assertThat(chat.get("reason").asText()).contains("does not ask for a fix");
        }

        @Test
        void eventForAnotherRepository_isIgnored() {
            String hook = webhook("github", Map.of("owner", "acme", "repo", "admin"), Map.of());
            JsonNode delivery = deliver(
                    hook,
                    sender.github(hook, SECRET, "issues", id(), WebhookSender.fixture("github/issues-opened.json")));
            assertThat(delivery.get("status").asText()).isEqualTo("ignored");
            assertThat(delivery.get("reason").asText()).contains("acme/shop").contains("acme/admin");
        }

        @Test
        void reviewOnAPullRequestViberglassDidNotOpen_isIgnored() {
            String hook = webhook("github", Map.of("owner", "acme", "repo", "shop"), Map.of());
            byte[] review =
                    WebhookSender.fixture("github/pull-request-review-submitted.json", Map.of("BRANCH", "feature/x"));
            JsonNode delivery = deliver(hook, sender.github(hook, SECRET, "pull_request_review", id(), review));
            assertThat(delivery.get("status").asText()).isEqualTo("ignored");
            assertThat(delivery.get("reason").asText()).contains("not opened by Viberglass");
        }
    }

    @Nested
    class GitLab {
        @Test
        void issueOpen_becomesACriticalTicket_andANoteAskingTheBot_runsIt() {
            // GitLab payloads do not state membership: the issue's and the note's authors are listed by name
            trust("gitlab:root", "gitlab:maria");
            String hook = webhook("gitlab", Map.of("projectPath", "acme/shop"), Map.of("botUsername", BOT));
            JsonNode opened = deliver(
                    hook,
                    sender.gitlab(hook, SECRET, "Issue Hook", id(), WebhookSender.fixture("gitlab/issue-open.json")));
            JsonNode ticket =
                    api.get("/api/tickets/" + opened.get("ticketId").asText()).json();
            assertThat(ticket.get("title").asText()).isEqualTo("Discount codes are ignored");
            assertThat(ticket.get("severity").asText()).isEqualTo("critical");
            assertThat(ticket.get("externalTicketUrl").asText())
                    .isEqualTo("https://gitlab.example.com/acme/shop/-/issues/23");
            assertThat(opened.get("eventType").asText()).isEqualTo("issue.open");

            JsonNode note = deliver(
                    hook,
                    sender.gitlab(hook, SECRET, "Note Hook", id(), WebhookSender.fixture("gitlab/note-issue.json")));
            assertThat(note.get("ticketId").asText())
                    .isEqualTo(opened.get("ticketId").asText());
            WORKER.awaitInvocation(note.get("jobId").asText());
        }

        @Test
        void wrongToken_is401() {
            String hook = webhook("gitlab", Map.of("projectPath", "acme/shop"), Map.of());
            sender.gitlab(hook, "not-the-secret", "Issue Hook", id(), WebhookSender.fixture("gitlab/issue-open.json"))
                    .expect(401);
        }
    }

    @Nested
    class Jira {
        @Test
        void issueCreated_becomesATicketWithTheFlattenedDescription_andACommentRunsIt() {
            trust("jira:" + JIRA_ACCOUNT);
            String hook =
                    webhook("jira", Map.of("instanceUrl", "https://acme.atlassian.net"), Map.of("botUsername", BOT));
            JsonNode created =
                    deliver(hook, sender.jira(hook, SECRET, id(), WebhookSender.fixture("jira/issue-created.json")));
            JsonNode ticket =
                    api.get("/api/tickets/" + created.get("ticketId").asText()).json();
            assertThat(ticket.get("externalTicketId").asText()).isEqualTo("SHOP-17");
            assertThat(ticket.get("externalTicketUrl").asText()).isEqualTo("https://acme.atlassian.net/browse/SHOP-17");
            assertThat(ticket.get("description").asText())
                    .isEqualTo(
                            "The confirmation email shows the total before the discount.\nExpected: the discounted total.");
            assertThat(ticket.get("severity").asText()).isEqualTo("high");
            assertThat(ticket.at("/metadata/jiraApiBaseUrl").asText())
                    .isEqualTo("https://acme.atlassian.net/rest/api/3");

            JsonNode comment =
                    deliver(hook, sender.jira(hook, SECRET, id(), WebhookSender.fixture("jira/comment-created.json")));
            assertThat(comment.get("eventType").asText()).isEqualTo("comment_created");
            WORKER.awaitInvocation(comment.get("jobId").asText());

            JsonNode updated =
                    deliver(hook, sender.jira(hook, SECRET, id(), WebhookSender.fixture("jira/issue-updated.json")));
            assertThat(updated.get("status").asText()).isEqualTo("ignored");
            assertThat(updated.get("reason").asText()).contains("issue_updated");
        }
    }

    @Nested
    class Shortcut {
        @Test
        void bugStory_runsOnAutoExecute_andItsUpdatesFollow() {
            trust("shortcut:" + SHORTCUT_MEMBER);
            String hook = webhook("shortcut", Map.of(), Map.of("autoExecute", true));
            JsonNode created =
                    deliver(hook, sender.shortcut(hook, SECRET, WebhookSender.fixture("shortcut/story-created.json")));
            String ticketId = created.get("ticketId").asText();
            assertThat(api.get("/api/tickets/" + ticketId)
                            .json()
                            .get("severity")
                            .asText())
                    .isEqualTo("high");
            WORKER.awaitInvocation(created.get("jobId").asText());

            JsonNode updated =
                    deliver(hook, sender.shortcut(hook, SECRET, WebhookSender.fixture("shortcut/story-updated.json")));
            assertThat(updated.get("eventType").asText()).isEqualTo("story_updated");
            assertThat(api.get("/api/tickets/" + ticketId).json().get("title").asText())
                    .isEqualTo("Search returns archived and hidden products");
        }

        @Test
        void featureStory_isATicketWithoutARun_untilACommentAsksTheBot() {
            trust("shortcut:" + SHORTCUT_MEMBER);
            String hook = webhook("shortcut", Map.of(), Map.of("autoExecute", true, "botUsername", BOT));
            byte[] feature = new String(WebhookSender.fixture("shortcut/story-created.json"), StandardCharsets.UTF_8)
                    .replace("\"story_type\": \"bug\"", "\"story_type\": \"feature\"")
                    .getBytes(StandardCharsets.UTF_8);
            JsonNode created = deliver(hook, sender.shortcut(hook, SECRET, feature));
            assertThat(created.has("jobId")).isFalse();
            JsonNode comment = deliver(
                    hook, sender.shortcut(hook, SECRET, WebhookSender.fixture("shortcut/comment-created.json")));
            assertThat(comment.get("eventType").asText()).isEqualTo("comment_created");
            assertThat(comment.get("ticketId").asText())
                    .isEqualTo(created.get("ticketId").asText());
            WORKER.awaitInvocation(comment.get("jobId").asText());
        }

        @Test
        void anEditByAMemberOutsideTheTrustedList_doesNotChangeATrustedTicket() {
            trust("shortcut:" + SHORTCUT_MEMBER);
            String hook = webhook("shortcut", Map.of(), Map.of());
            JsonNode created =
                    deliver(hook, sender.shortcut(hook, SECRET, WebhookSender.fixture("shortcut/story-created.json")));
            String title = api.get("/api/tickets/" + created.get("ticketId").asText())
                    .json()
                    .get("title")
                    .asText();
            byte[] foreign = new String(WebhookSender.fixture("shortcut/story-updated.json"), StandardCharsets.UTF_8)
                    .replace("\"member_id\": \"" + SHORTCUT_MEMBER + "\"", "\"member_id\": \"an-outsider\"")
                    .getBytes(StandardCharsets.UTF_8);

            JsonNode updated = deliver(hook, sender.shortcut(hook, SECRET, foreign));

            assertThat(updated.get("status").asText()).isEqualTo("ignored");
            assertThat(updated.get("reason").asText())
                    .contains("shortcut:an-outsider is not on the project's trusted list");
            assertThat(api.get("/api/tickets/" + created.get("ticketId").asText())
                            .json()
                            .get("title")
                            .asText())
                    .isEqualTo(title);
        }

        @Test
        void sameBodyTwice_isOneDelivery() {
            String hook = webhook("shortcut", Map.of(), Map.of());
            byte[] body = WebhookSender.fixture("shortcut/story-created.json");
            sender.shortcut(hook, SECRET, body).expect(202);
            sender.shortcut(hook, SECRET, body).expect(200);
        }
    }

    @Nested
    class Custom {
        @Test
        void fieldMapping_readsAnyJson_andLabelGatingRunsIt() {
            trust("custom:alertmanager");
            String hook = webhook(
                    "custom",
                    Map.of(),
                    Map.of(
                            "autoExecute",
                            true,
                            "autoExecuteMode",
                            "label_gated",
                            "requiredLabels",
                            List.of("autofix"),
                            "fieldMapping",
                            Map.of(
                                    "title", "/alert/summary",
                                    "description", "/alert/details",
                                    "severity", "/alert/level",
                                    "externalId", "/alert/id",
                                    "url", "/alert/link",
                                    "labels", "/alert/tags",
                                    "author", "/alert/source")));
            JsonNode delivery =
                    deliver(hook, sender.custom(hook, SECRET, id(), WebhookSender.fixture("custom/alert.json")));
            JsonNode ticket =
                    api.get("/api/tickets/" + delivery.get("ticketId").asText()).json();
            assertThat(ticket.get("title").asText()).isEqualTo("Error rate above 5% on /checkout");
            assertThat(ticket.get("severity").asText()).isEqualTo("critical");
            assertThat(ticket.get("externalTicketId").asText()).isEqualTo("ALERT-981");
            assertThat(ticket.get("ticketSystem").asText()).isEqualTo("custom");
            WORKER.awaitInvocation(delivery.get("jobId").asText());
        }

        @Test
        void bodyWithoutATitle_failsWithTheReason() {
            String hook = webhook("custom", Map.of(), Map.of());
            JsonNode delivery =
                    deliver(hook, sender.custom(hook, SECRET, id(), "{\"description\":\"no title\"}".getBytes()));
            assertThat(delivery.get("status").asText()).isEqualTo("failed");
            assertThat(delivery.get("reason").asText()).contains("no title at /title");
        }

        @Test
        void customSignatureHeaderAndSha1_areHonoured() {
            String hook =
                    webhook("custom", Map.of(), Map.of("signatureHeader", "X-Signature", "signatureAlgorithm", "sha1"));
            byte[] body = WebhookSender.fixture("custom/ticket.json");
            sender.custom(hook, SECRET, id(), body).expect(401);
            sender.post(
                            "custom",
                            hook,
                            Map.of(
                                    "X-Signature",
                                    io.viberglass.common.security.Hmac.prefixedHex(
                                            io.viberglass.common.security.Hmac.Algorithm.SHA1, SECRET, body)),
                            body)
                    .expect(202);
        }
    }

    @Nested
    class Configuration {
        @Test
        void autoExecuteWithoutARunner_andLabelGatedWithoutLabels_are400() {
            String integration = integrations.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
            JsonNode error = api.post(
                            "/api/integrations/" + integration + "/webhooks/inbound",
                            Map.of("projectId", project, "autoExecute", true, "autoExecuteMode", "label_gated"))
                    .expect(400)
                    .json();
            assertThat(error.get("details"))
                    .extracting(d -> d.get("field").asText())
                    .contains("requiredLabels", "clankerId");
            api.post(
                            "/api/integrations/" + integration + "/webhooks/inbound",
                            Map.of("projectId", project, "allowedEvents", List.of("push")))
                    .expect(400);
            api.post(
                            "/api/integrations/" + integration + "/webhooks/inbound",
                            Map.of("projectId", project, "providerProjectId", "not a repo"))
                    .expect(400);
        }

        @Test
        void generatedSecret_isShownOnce_andRotatable() {
            String integration = integrations.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
            JsonNode created = api.post(
                            "/api/integrations/" + integration + "/webhooks/inbound", Map.of("projectId", project))
                    .expect(201)
                    .json();
            String secret = created.get("webhookSecret").asText();
            assertThat(secret).hasSize(64);
            assertThat(created.get("webhookUrl").asText())
                    .endsWith("/api/webhooks/github/" + created.get("id").asText());
            assertThat(created.get("providerProjectId").asText()).isEqualTo("acme/shop");
            String path = "/api/integrations/" + integration + "/webhooks/inbound/"
                    + created.get("id").asText();
            assertThat(api.get(path).body()).doesNotContain(secret).contains("\"hasSecret\":true");
            assertThat(api.get("/api/integrations/" + integration + "/webhooks/inbound")
                            .body())
                    .doesNotContain(secret);

            String rotated = api.put(path, Map.of("generateSecret", true))
                    .expect(200)
                    .json()
                    .get("webhookSecret")
                    .asText();
            assertThat(rotated).isNotEqualTo(secret);
            String hook = created.get("id").asText();
            byte[] body = WebhookSender.fixture("github/issues-opened.json");
            sender.github(hook, secret, "issues", id(), body).expect(401);
            sender.github(hook, rotated, "issues", id(), body).expect(202);

            api.delete(path).expect(204);
            sender.github(hook, rotated, "issues", id(), body).expect(404);
        }

        @Test
        void slackIntegrations_haveNoInboundWebhooks() {
            String slack = integrations.integration("slack", Map.of("channelId", "C123"), null);
            api.post("/api/integrations/" + slack + "/webhooks/inbound", Map.of("projectId", project))
                    .expect(400);
        }
    }

    /** The fixtures' authors outside GitHub, whose payloads state no repository membership. */
    static final String JIRA_ACCOUNT = "5b10a2844c20165700ede21g";

    static final String SHORTCUT_MEMBER = "56d8a839-1c52-437f-b981-c3a15a11d6d4";

    private void trust(String... identities) {
        api.put(
                        "/api/projects/" + project + "/trust",
                        Map.of("trustedIdentities", List.of(identities), "trustRepositoryMembers", true))
                .expect(200);
    }

    private String webhook(String system, Map<String, Object> config, Map<String, Object> settings) {
        String integration = integrations.integration(system, config, null);
        Map<String, Object> body = new java.util.HashMap<>(settings);
        if (Boolean.TRUE.equals(settings.get("autoExecute")) || settings.containsKey("botUsername")) {
            body.put("clankerId", clanker);
        }
        return integrations
                .inbound(integration, project, SECRET, body)
                .get("id")
                .asText();
    }

    /** Waits for the delivery's processing to end and returns it from the log. */
    private JsonNode deliver(String hook, Api.Reply reply) {
        return integrations.awaitDelivery(hook, reply);
    }

    private static String comment(String text, String author) {
        String body = new String(WebhookSender.fixture("github/issue-comment-created.json"), StandardCharsets.UTF_8);
        return body.replace("@viberglass-bot fix this please", text)
                .replace("\"login\": \"maria\"", "\"login\": \"" + author + "\"");
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
