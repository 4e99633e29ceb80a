package io.viberglass.platform.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.ShopFixture;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.viberator.testing.GitFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole product on one machine: the platform on real PostgreSQL starts the real {@code viberator job} worker
 * (local invoker), which clones a real bare repository, runs a fake Claude Code CLI that speaks Claude's stream-json,
 * and reports back; the execution run pushes its branch and opens a pull request on a fake GitHub API.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TicketToPullRequestTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(TicketToPullRequestTest.class);

    static final ShopFixture SHOP = ShopFixture.create("vg-e2e-");
    static final Path REMOTE = SHOP.remote();
    static final Path AGENT_ARGS = SHOP.agentArgs();
    static final WireMockServer GITHUB = SHOP.github();
    static final String GITHUB_TOKEN = ShopFixture.GITHUB_TOKEN;
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, SHOP.workerOverrides());

    private final Api api = Api.of(APP);

    @AfterAll
    static void stopGitHub() {
        SHOP.stop();
    }

    @Test
    void aTicketGoesThroughResearchPlanningAndExecutionToAPullRequest() throws IOException {
        String projectId = SHOP.project(api);
        String clankerId = SHOP.clanker(api);
        String ticketId = api.post(
                        "/api/tickets",
                        Map.of(
                                "projectId",
                                projectId,
                                "title",
                                "Greet visitors",
                                "description",
                                "The home page should greet visitors."))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String ticket = "/api/tickets/" + ticketId;

        // research: the agent writes RESEARCH.md, which becomes the research document
        finish(api.post(ticket + "/phases/research/run", Map.of("clankerId", clankerId))
                .expect(202));
        JsonNode research = api.get(ticket + "/phases/research").expect(200).json();
        assertThat(research.at("/document/content").asText()).startsWith("# Research");
        assertThat(research.at("/latestRun/status").asText()).isEqualTo("completed");

        // a comment on line 3, then a revision run whose prompt carries it to the agent
        api.post(ticket + "/phases/research/comments", Map.of("lineNumber", 3, "content", "Mention the footer too"))
                .expect(201);
        finish(api.post(
                        ticket + "/phases/research/revision",
                        Map.of("clankerId", clankerId, "revisionMessage", "Cover every page"))
                .expect(202));
        String revisionPrompt = Files.readString(AGENT_ARGS);
        assertThat(revisionPrompt).contains("Cover every page").contains("Mention the footer too");
        assertThat(api.get(ticket + "/phases/research/revisions").json()).hasSize(2);

        // planning: PLAN.md, review, approval
        api.post(ticket + "/phases/planning/advance", Map.of()).expect(200);
        finish(api.post(ticket + "/phases/planning/run", Map.of("clankerId", clankerId))
                .expect(202));
        assertThat(api.get(ticket + "/phases/planning")
                        .json()
                        .at("/document/content")
                        .asText())
                .startsWith("# Plan");
        api.post(ticket + "/phases/planning/request-approval", Map.of()).expect(200);
        assertThat(api.get(ticket).json().get("status").asText()).isEqualTo("in_review");
        api.post(ticket + "/phases/planning/approve", Map.of()).expect(200);
        assertThat(api.get(ticket + "/phases").json().get("workflowPhase").asText())
                .isEqualTo("execution");

        // execution: the worker commits, pushes the branch and opens the pull request
        JsonNode job =
                finish(api.post(ticket + "/run", Map.of("clankerId", clankerId)).expect(202));

        String branch = "viberator/" + ticketId;
        assertThat(job.get("branch").asText()).isEqualTo(branch);
        assertThat(job.get("pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/7");
        assertThat(GitFixtures.files(REMOTE, branch)).contains("HELLO.md").doesNotContain("PR_TITLE.md");
        assertThat(GitFixtures.head(REMOTE, branch).getFullMessage()).contains("Add HELLO.md greeting");
        GITHUB.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/pulls"))
                .withHeader("Authorization", equalTo("token " + GITHUB_TOKEN))
                .withRequestBody(matchingJsonPath("$.head", equalTo(branch)))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main"))));
        JsonNode done = api.get(ticket).json();
        assertThat(done.get("status").asText()).isEqualTo("in_review");
        assertThat(done.get("pullRequestUrl").asText()).isEqualTo("https://github.com/acme/shop/pull/7");
        assertThat(done.get("autoFixStatus").asText()).isEqualTo("completed");
        assertThat(job.get("logs")).isNotEmpty();
        assertThat(job.get("progress")).extracting(p -> p.get("step").asText()).contains("clone", "push");
        assertThat(api.get("/api/jobs/" + job.get("id").asText()).body()).doesNotContain(GITHUB_TOKEN);
    }

    /** Waits for the run's job to finish and insists it completed, showing why when it did not. */
    private JsonNode finish(Api.Reply started) {
        String jobId = started.json().get("jobId").asText();
        return api.awaitJobCompleted(jobId);
    }
}
