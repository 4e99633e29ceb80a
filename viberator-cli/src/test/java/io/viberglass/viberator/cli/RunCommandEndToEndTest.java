package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentType;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code viberator run} from the command line to a pushed branch and a pull request, with real git and a fake agent. */
class RunCommandEndToEndTest {
    static final String GITHUB_TOKEN = "ghp_" + "a".repeat(36);

    @RegisterExtension
    static WireMockExtension scm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path temp;

    Path remote;
    Path claude;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitFixtures.bareRepository(temp.resolve("remotes/acme/shop.git"), Map.of());
        claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
    }

    CliRunner cli(String mode) {
        return new CliRunner()
                .env(FakeAgents.environment(claude, AgentType.CLAUDE_CODE, mode))
                .env("GITHUB_TOKEN", GITHUB_TOKEN)
                .env("GITLAB_TOKEN", "glpat-" + "b".repeat(20))
                .env("ANTHROPIC_API_KEY", "sk-ant-" + "c".repeat(30))
                .env("VIBERATOR_SECRETS_DIR", temp.resolve("no-secrets").toString())
                .env("WORK_DIR", temp.resolve("work").toString());
    }

    @Test
    void runPushesTheBranchAndOpensAPullRequestOnGitHub() throws Exception {
        stubGitHubRepository();
        scm.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        scm.stubFor(post("/repos/acme/shop/pulls")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":7,\"html_url\":\"https://github.com/acme/shop/pull/7\"," + "\"url\":\""
                                + scm.baseUrl() + "/repos/acme/shop/pulls/7\"}")));

        CliRunner.Run run = cli("edit")
                .execute(
                        "run",
                        "--repo",
                        remote.toString(),
                        "--agent",
                        "claude-code",
                        "--task",
                        "Add a greeting",
                        "--branch",
                        "viberator/greeting",
                        "--pr",
                        "--provider",
                        "github",
                        "--api-url",
                        scm.baseUrl(),
                        "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        RevCommit pushed = GitFixtures.head(remote, "viberator/greeting");
        assertThat(pushed).isNotNull();
        assertThat(pushed.getShortMessage()).isEqualTo("Add HELLO.md greeting");
        assertThat(pushed.getAuthorIdent().getName()).isEqualTo("Viberator");
        assertThat(GitFixtures.files(remote, "viberator/greeting"))
                .contains("HELLO.md", "README.md")
                .doesNotContain("PR_TITLE.md", "PR_DESCRIPTION.md");
        scm.verify(postRequestedFor(urlPathEqualTo("/repos/acme/shop/pulls"))
                .withHeader("Authorization", equalTo("token " + GITHUB_TOKEN))
                .withRequestBody(matchingJsonPath("$.head", equalTo("viberator/greeting")))
                .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.title", equalTo("Add HELLO.md greeting"))));
        assertThat(run.out())
                .contains("\"pullRequestUrl\" : \"https://github.com/acme/shop/pull/7\"")
                .contains("\"outcome\" : \"succeeded\"");
        assertThat(run.err()).doesNotContain(GITHUB_TOKEN);
    }

    @Test
    void aRerunOnTheSameBranchUpdatesTheOpenPullRequest() throws Exception {
        stubGitHubRepository();
        scm.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        scm.stubFor(post("/repos/acme/shop/pulls")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":7,\"html_url\":\"https://github.com/acme/shop/pull/7\"}")));
        String[] args = {
            "run",
            "--repo",
            remote.toString(),
            "--agent",
            "claude-code",
            "--task",
            "Add a greeting",
            "--branch",
            "viberator/again",
            "--pr",
            "--provider",
            "github",
            "--api-url",
            scm.baseUrl()
        };
        assertThat(cli("edit").execute(args).exitCode()).isZero();
        RevCommit first = GitFixtures.head(remote, "viberator/again");

        scm.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls"))
                .willReturn(okJson("[{\"number\":7,\"html_url\":\"https://github.com/acme/shop/pull/7\",\"url\":\""
                        + scm.baseUrl() + "/repos/acme/shop/pulls/7\",\"state\":\"open\"}]")));
        scm.stubFor(patch(urlPathEqualTo("/repos/acme/shop/pulls/7"))
                .willReturn(okJson("{\"number\":7,\"html_url\":\"https://github.com/acme/shop/pull/7\"}")));
        CliRunner.Run second = cli("edit").env("FAKE_AGENT_FILE", "SECOND.md").execute(args);

        assertThat(second.exitCode()).as(second.err()).isZero();
        RevCommit head = GitFixtures.head(remote, "viberator/again");
        assertThat(head.getParent(0).getId()).isEqualTo(first.getId());
        assertThat(GitFixtures.files(remote, "viberator/again")).contains("HELLO.md", "SECOND.md");
        assertThat(second.err()).contains("Updated https://github.com/acme/shop/pull/7");
    }

    @Test
    void runOpensAMergeRequestOnGitLab() throws Exception {
        scm.stubFor(get(urlPathEqualTo("/api/v4/projects/acme%2Fshop"))
                .willReturn(okJson("{\"id\":42,\"path_with_namespace\":\"acme/shop\"}")));
        scm.stubFor(get(urlPathEqualTo("/api/v4/projects/42/merge_requests")).willReturn(okJson("[]")));
        scm.stubFor(
                post("/api/v4/projects/42/merge_requests")
                        .willReturn(
                                aResponse()
                                        .withStatus(201)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"id\":1,\"iid\":3,\"web_url\":\"https://gitlab.example/acme/shop/-/merge_requests/3\"}")));

        CliRunner.Run run = cli("edit")
                .execute(
                        "run",
                        "--repo",
                        remote.toString(),
                        "--agent",
                        "claude-code",
                        "--task",
                        "Add a greeting",
                        "--branch",
                        "viberator/mr",
                        "--pr",
                        "--provider",
                        "gitlab",
                        "--api-url",
                        scm.baseUrl(),
                        "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(GitFixtures.head(remote, "viberator/mr")).isNotNull();
        scm.verify(postRequestedFor(urlPathEqualTo("/api/v4/projects/42/merge_requests"))
                .withHeader("PRIVATE-TOKEN", equalTo("glpat-" + "b".repeat(20)))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("source_branch")));
        assertThat(run.out()).contains("https://gitlab.example/acme/shop/-/merge_requests/3");
    }

    @Test
    void researchWritesNoBranchAndReturnsTheDocument() throws Exception {
        CliRunner.Run run = cli("auto")
                .execute(
                        "run",
                        "--repo",
                        remote.toString(),
                        "--agent",
                        "claude-code",
                        "--task",
                        "Why is checkout slow?",
                        "--kind",
                        "research",
                        "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("\"documentContent\" : \"# Research");
        try (var repository = GitFixtures.open(remote)) {
            assertThat(repository.getRefDatabase().getRefsByPrefix("refs/heads/"))
                    .hasSize(1);
        }
    }

    @Test
    void anAgentThatChangesNothingEndsAsNoChangesWithoutPullRequest() throws Exception {
        CliRunner.Run run = cli("noop")
                .execute(
                        "run",
                        "--repo",
                        remote.toString(),
                        "--agent",
                        "claude-code",
                        "--task",
                        "Nothing",
                        "--pr",
                        "--provider",
                        "github",
                        "--api-url",
                        scm.baseUrl(),
                        "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NO_CHANGES);
        assertThat(run.out()).contains("\"outcome\" : \"no_changes\"");
        assertThat(scm.getAllServeEvents()).isEmpty();
    }

    private void stubGitHubRepository() {
        scm.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                .willReturn(
                        okJson("{\"id\":1,\"name\":\"shop\",\"full_name\":\"acme/shop\",\"owner\":{\"login\":\"acme\"},"
                                + "\"html_url\":\"https://github.com/acme/shop\",\"url\":\"" + scm.baseUrl()
                                + "/repos/acme/shop\"}")));
    }
}
