package io.viberglass.platform.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.job.AgentType;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * From a GitHub issue to a pull request and back, with every piece real but GitHub: a signed issues.opened delivery
 * on an auto-executing webhook starts a run that the real {@code viberator} worker (local invoker, fake Claude Code)
 * takes to a pushed branch and a pull request on a fake GitHub; "Fix submitted" is posted on the issue; a replay of
 * the delivery changes nothing; a review comment on the pull request starts a follow-up run that pushes a second
 * commit to the same branch.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookToPullRequestTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(WebhookToPullRequestTest.class);

    static final Path WORK = temporary();
    static final Path REMOTE = bareRepository();
    static final Path AGENT_ARGS = WORK.resolve("agent-args.txt");
    static final WireMockServer GITHUB = startGitHub();
    static final String SCM_TOKEN = "ghp_" + "scm".repeat(12);
    static final String FEEDBACK_TOKEN = "ghp_" + "fbk".repeat(12);
    static final String SECRET = "github-webhook-secret-0123456789";
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private final Api api = Api.of(APP);
    private final WebhookSender github = new WebhookSender(Api.anonymous(APP));
    private final IntegrationFixtures integrations = new IntegrationFixtures(api);

    @AfterAll
    static void stopGitHub() {
        GITHUB.stop();
    }

    @Test
    void anIssueBecomesAPullRequest_aReplayDoesNothing_andAReviewGetsAFollowUpCommit() throws IOException {
        String projectId = project();
        String clankerId = clanker();
        String integration = integrations.integration(
                "github", Map.of("owner", "acme", "repo", "shop", "apiUrl", GITHUB.baseUrl()), FEEDBACK_TOKEN);
        String hook = integrations
                .inbound(
                        integration,
                        projectId,
                        SECRET,
                        Map.of("autoExecute", true, "clankerId", clankerId, "botUsername", "viberglass-bot"))
                .get("id")
                .asText();
        api.post(
                        "/api/integrations/" + integration + "/webhooks/outbound",
                        Map.of("projectId", projectId, "events", List.of("job_ended")))
                .expect(201);

        // the issue: stored, answered at once, then a run the dispatcher hands to the real worker
        byte[] issue = WebhookSender.fixture("github/issues-opened.json");
        github.github(hook, SECRET, "issues", "72d3162e-cc78-11e3-81ab-4c9367dc0958", issue)
                .expect(202);
        JsonNode first = finish(awaitJob(hook, 1));
        String ticketId = first.get("ticketId").asText();
        String branch = "viberator/" + ticketId;
        assertThat(first.get("pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/7");
        assertThat(GitFixtures.files(REMOTE, branch)).contains("HELLO.md");
        RevCommit firstCommit = GitFixtures.head(REMOTE, branch);
        awaitComments(1);
        assertThat(GITHUB.findAll(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/comments")))
                        .get(0)
                        .getBodyAsString())
                .contains("Fix submitted")
                .contains("https://github.com/acme/shop/pull/7");
        GITHUB.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                .withHeader("Authorization", equalTo("Bearer " + FEEDBACK_TOKEN)));

        // GitHub redelivers the same delivery: a duplicate, no second ticket, no second run
        JsonNode replay = github.github(hook, SECRET, "issues", "72d3162e-cc78-11e3-81ab-4c9367dc0958", issue)
                .expect(200)
                .json();
        assertThat(replay.get("message").asText()).isEqualTo("Duplicate delivery");
        assertThat(jobsOf(ticketId)).hasSize(1);

        // a reviewer asks for more on the pull request: a follow-up run on the same branch, with the comment as context
        byte[] review =
                WebhookSender.fixture("github/pull-request-review-comment-created.json", Map.of("BRANCH", branch));
        github.github(hook, SECRET, "pull_request_review_comment", "b5c2a8d0-cc78-11e3-8a1b-4c9367dc0958", review)
                .expect(202);
        JsonNode followUp = finish(awaitJob(hook, 2));
        assertThat(followUp.get("ticketId").asText()).isEqualTo(ticketId);
        assertThat(followUp.get("branch").asText()).isEqualTo(branch);
        RevCommit second = GitFixtures.head(REMOTE, branch);
        assertThat(second.getId()).isNotEqualTo(firstCommit.getId());
        assertThat(second.getParent(0).getId()).isEqualTo(firstCommit.getId());
        assertThat(second.getFullMessage()).contains("Revise HELLO.md");
        assertThat(Files.readString(AGENT_ARGS))
                .contains("Please also greet in French.")
                .contains("https://github.com/acme/shop/pull/7");
        awaitComments(2);
        assertThat(jobsOf(ticketId)).hasSize(2);
    }

    private JsonNode finish(String jobId) {
        return api.awaitJobCompleted(jobId);
    }

    /** The job of the webhook's {@code n}th run-starting delivery. */
    private String awaitJob(String hook, int n) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> org.jdbi.v3.core.Jdbi.create(DB.dataSource())
                                .withHandle(h -> h.createQuery("select job_id::text from webhook_deliveries "
                                                + "where config_id = cast(:hook as uuid) and job_id is not null "
                                                + "order by received_at")
                                        .bind("hook", hook)
                                        .mapTo(String.class)
                                        .list()),
                        ids -> ids.size() >= n)
                .get(n - 1);
    }

    private List<String> jobsOf(String ticketId) {
        List<String> ids = new ArrayList<>();
        api.get("/api/jobs?ticketId=" + ticketId)
                .json()
                .get("data")
                .forEach(j -> ids.add(j.get("id").asText()));
        return ids;
    }

    private void awaitComments(int count) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> GITHUB.findAll(postRequestedFor(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                                        .withRequestBody(containing("Fix submitted")))
                                .size()
                        >= count);
    }

    private String project() {
        String projectId = api.post("/api/projects", Map.of("name", "Shop"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String token = api.post(
                        "/api/secrets", Map.of("name", "GITHUB_TOKEN", "storage", "database", "value", SCM_TOKEN))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.put(
                        "/api/projects/" + projectId + "/scm-config",
                        Map.of(
                                "repositoryUrl",
                                REMOTE.toUri().toString(),
                                "provider",
                                "github",
                                "apiUrl",
                                GITHUB.baseUrl(),
                                "credentialId",
                                token))
                .expect(200);
        return projectId;
    }

    private String clanker() {
        String key = api.post(
                        "/api/secrets",
                        Map.of("name", "ANTHROPIC_API_KEY", "storage", "database", "value", "sk-ant-" + "k".repeat(30)))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String id = api.post(
                        "/api/clankers",
                        Map.of(
                                "name", "Local Claude",
                                "agent", "claude-code",
                                "deploymentStrategy", "local",
                                "secretIds", List.of(key)))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.post("/api/clankers/" + id + "/start", Map.of()).expect(200);
        return id;
    }

    private static ConfigOverride[] overrides() {
        Path claude = FakeAgents.install(WORK.resolve("bin"), AgentType.CLAUDE_CODE);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(
                        "dispatch.local.command",
                        "java,-Xmx256m,-XX:TieredStopAtLevel=1,-jar," + FakeAgents.viberatorJar()),
                ConfigOverride.config(
                        "dispatch.local.workDirectory", WORK.resolve("work").toString()),
                ConfigOverride.config(
                        "dispatch.local.logDirectory",
                        WORK.resolve("worker-logs").toString()),
                ConfigOverride.config("dispatch.pollInterval", "200ms"),
                ConfigOverride.config("webhooks.pollInterval", "200ms"),
                ConfigOverride.config("feedback.pollInterval", "200ms"),
                ConfigOverride.config("dispatch.local.environment.FAKE_AGENT_ARGS_FILE", AGENT_ARGS.toString())));
        FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "auto")
                .forEach((name, value) ->
                        overrides.add(ConfigOverride.config("dispatch.local.environment." + name, value)));
        return overrides.toArray(ConfigOverride[]::new);
    }

    private static WireMockServer startGitHub() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                .willReturn(okJson("{\"id\":1,\"name\":\"shop\",\"full_name\":\"acme/shop\",\"owner\":{\"login\":"
                        + "\"acme\"},\"html_url\":\"https://github.com/acme/shop\",\"url\":\"" + server.baseUrl()
                        + "/repos/acme/shop\"}")));
        server.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo("/repos/acme/shop/pulls"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":7,\"html_url\":\"https://github.com/acme/shop/pull/7\",\"url\":\""
                                + server.baseUrl() + "/repos/acme/shop/pulls/7\"}")));
        server.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/42/comments"))
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
        server.stubFor(post(urlPathEqualTo("/repos/acme/shop/issues/42/labels"))
                .willReturn(okJson("[{\"name\":\"fix-submitted\"}]")));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                        urlPathEqualTo("/repos/acme/shop/issues/42/labels/fix-failed"))
                .willReturn(aResponse().withStatus(404)));
        return server;
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("vg-webhook-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path bareRepository() {
        try {
            return GitFixtures.bareRepository(WORK.resolve("remotes/acme/shop.git"), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
