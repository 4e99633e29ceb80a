package io.viberglass.viberator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.agent.HarnessRegistry;
import io.viberglass.viberator.payload.PayloadReader;
import io.viberglass.viberator.process.ProcessRunner;
import io.viberglass.viberator.prompt.PromptBuilder;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import io.viberglass.viberator.testing.GitHttpServer;
import io.viberglass.viberator.testing.RecordingReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The "Bad input" list: each ends as a failed result with a classified outcome and no secret in it. */
class JobRunnerBadInputTest {
    static final String SCM_TOKEN = "ghp_" + "s".repeat(36);
    static final String API_KEY = "sk-ant-" + "z".repeat(30);

    @RegisterExtension
    static WireMockExtension github = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final JobRunner runner = new JobRunner(
            Clock.systemUTC(),
            HarnessRegistry.builtIn(),
            new ProcessRunner(Clock.systemUTC()),
            new PromptBuilder(),
            new PayloadReader(Json.newMapper()),
            JobRunner::defaultPullRequests,
            Duration.ofSeconds(1),
            1);
    final RecordingReporter reporter = new RecordingReporter();

    @TempDir
    Path temp;

    Path remote;
    Path claude;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitFixtures.bareRepository(temp.resolve("remotes/acme/shop.git"), Map.of());
        claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        env = new HashMap<>(FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "edit"));
        env.put("PATH", System.getenv("PATH"));
        env.put("GITHUB_TOKEN", SCM_TOKEN);
        env.put("ANTHROPIC_API_KEY", API_KEY);
    }

    JobPayload payload(RepositorySpec repository, int timeoutSeconds) {
        return new JobPayload(
                1,
                "job-bad",
                JobKind.EXECUTION,
                "t1",
                null,
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                repository,
                "Add a greeting",
                null,
                List.of(),
                new WorkerSettings(timeoutSeconds, null, false, false, null, null),
                List.of());
    }

    JobPayload payload() {
        return payload(
                new RepositorySpec(
                        remote.toString(), "main", "viberator/bad", null, ScmProvider.GIT, null, null, null, null),
                60);
    }

    JobResult run(JobPayload payload, String mode) {
        env.put("FAKE_AGENT_MODE", mode);
        RunContext context = RunContext.of(temp.resolve("work"), env, reporter)
                .withCredentials(new io.viberglass.viberator.credentials.CredentialResolver(temp.resolve("none"), env));
        JobResult result = runner.run(payload, context);
        assertThat(reporter.results).containsExactly(result);
        assertThat(result.success()).isEqualTo(result.outcome().isSuccessful());
        assertThat(reporter.everything()).doesNotContain(SCM_TOKEN).doesNotContain(API_KEY);
        assertThat(result.toString()).doesNotContain(SCM_TOKEN).doesNotContain(API_KEY);
        assertThat(temp.resolve("work/job-bad")).doesNotExist();
        return result;
    }

    @Test
    void invalidPayloadIsAConfigErrorNamingTheField() {
        JobPayload bad =
                payload(new RepositorySpec(" ", "main", null, null, ScmProvider.GIT, null, null, null, null), 60);

        JobResult result = run(bad, "edit");

        assertThat(result.outcome()).isEqualTo(RunOutcome.CONFIG_INVALID);
        assertThat(result.errorMessage()).contains("repository.url");
    }

    @Test
    void unreachableRepository() {
        JobResult result =
                run(payload(RepositorySpec.of(temp.resolve("gone.git").toString(), "main"), 60), "edit");

        assertThat(result.outcome()).isEqualTo(RunOutcome.REPOSITORY_ACCESS_FAILED);
        assertThat(result.outcome().failureCode().summary()).isNotBlank();
    }

    @Test
    void badCredentials() throws Exception {
        try (GitHttpServer server = new GitHttpServer(temp.resolve("remotes/acme"), "ghp_" + "r".repeat(36), false)) {
            JobResult result = run(
                    payload(
                            new RepositorySpec(
                                    server.url("shop.git"),
                                    "main",
                                    "b",
                                    null,
                                    ScmProvider.GIT,
                                    null,
                                    "GITHUB_TOKEN",
                                    null,
                                    null),
                            60),
                    "edit");

            assertThat(result.outcome()).isEqualTo(RunOutcome.SCM_CREDENTIAL_INVALID);
        }
    }

    @Test
    void missingBaseBranch() {
        JobResult result = run(payload(RepositorySpec.of(remote.toString(), "release"), 60), "edit");

        assertThat(result.outcome()).isEqualTo(RunOutcome.REPOSITORY_ACCESS_FAILED);
        assertThat(result.errorMessage()).contains("'release' does not exist");
    }

    @Test
    void agentBinaryMissing() {
        env.put(
                FakeAgents.binaryVariable(AgentType.CLAUDE_CODE),
                temp.resolve("no-claude").toString());

        JobResult result = run(payload(), "edit");

        assertThat(result.outcome()).isEqualTo(RunOutcome.AGENT_NOT_INSTALLED);
        assertThat(result.errorMessage()).contains("VIBERATOR_CLAUDE_CODE_BIN");
    }

    @Test
    void agentExitsNonZero() {
        env.put("FAKE_AGENT_EXIT", "3");

        JobResult result = run(payload(), "fail");

        assertThat(result.outcome()).isEqualTo(RunOutcome.AGENT_FAILED);
        assertThat(result.errorMessage()).contains("exited with code 3").contains("simulated failure");
    }

    @Test
    void aSecretTheAgentPrintsIntoItsErrorIsRedactedInTheReturnedResult() {
        JobResult result = run(payload(), "leak-fail");

        assertThat(result.outcome()).isEqualTo(RunOutcome.AGENT_FAILED);
        assertThat(result.errorMessage()).contains("exited with code 2", "request with key [REDACTED] was refused");
    }

    @Test
    void aTaskTooLongForTheCommandLineReachesTheAgentThroughAFile() throws Exception {
        Path args = temp.resolve("args.txt");
        env.put("FAKE_AGENT_ARGS_FILE", args.toString());
        String huge = "Add a greeting.\n" + "Context line that repeats.\n".repeat(10_000);
        JobPayload payload = new JobPayload(
                1,
                "job-bad",
                JobKind.EXECUTION,
                "t1",
                null,
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/long", null, ScmProvider.GIT, null, null, null, null),
                huge,
                null,
                List.of(),
                null,
                List.of());

        JobResult result = run(payload, "edit");

        assertThat(result.outcome()).as(result.errorMessage()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(Files.readString(args)).contains("PROMPT.md").hasSizeLessThan(2_000);
        assertThat(GitFixtures.files(remote, "viberator/long")).doesNotContain("PROMPT.md");
    }

    @Test
    void agentKilledBySignal() {
        JobResult result = run(payload(), "crash");

        assertThat(result.outcome()).isEqualTo(RunOutcome.AGENT_FAILED);
        assertThat(result.errorMessage()).contains("killed by signal 9");
    }

    @Test
    void agentThatExitsZeroWithRefusedPermissionsIsNotASuccess() {
        JobResult result = run(payload(), "denied");

        assertThat(result.outcome()).isEqualTo(RunOutcome.AGENT_FAILED);
        assertThat(result.errorMessage()).contains("refused permission for Write");
    }

    @Test
    void agentHangingPastTheTimeout() {
        JobResult result = run(
                payload(
                        new RepositorySpec(
                                remote.toString(),
                                "main",
                                "viberator/bad",
                                null,
                                ScmProvider.GIT,
                                null,
                                null,
                                null,
                                null),
                        1),
                "hang");

        assertThat(result.outcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(result.errorMessage()).contains("limit of 1 s");
        assertThat(Duration.ofMillis(result.executionTimeMs())).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void pushRejected() throws Exception {
        try (GitHttpServer server = new GitHttpServer(temp.resolve("remotes/acme"), SCM_TOKEN, true)) {
            JobResult result = run(
                    payload(
                            new RepositorySpec(
                                    server.url("shop.git"),
                                    "main",
                                    "viberator/p",
                                    null,
                                    ScmProvider.GIT,
                                    null,
                                    "GITHUB_TOKEN",
                                    null,
                                    null),
                            60),
                    "edit");

            assertThat(result.outcome()).isEqualTo(RunOutcome.PUSH_REJECTED);
            assertThat(result.errorMessage()).contains("branch is protected");
        }
    }

    @Test
    void pullRequestApiAnswers422() {
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                .willReturn(okJson(
                        "{\"name\":\"shop\",\"full_name\":\"acme/shop\",\"owner\":{\"login\":\"acme\"},\"url\":\""
                                + github.baseUrl() + "/repos/acme/shop\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        github.stubFor(post("/repos/acme/shop/pulls")
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"PullRequest\","
                                + "\"code\":\"custom\",\"message\":\"No commits between main and viberator/bad\"}]}")));

        JobResult result = run(
                payload(
                        new RepositorySpec(
                                remote.toString(),
                                "main",
                                "viberator/bad",
                                null,
                                ScmProvider.GITHUB,
                                github.baseUrl(),
                                null,
                                null,
                                null),
                        60),
                "edit");

        assertThat(result.outcome()).isEqualTo(RunOutcome.PULL_REQUEST_FAILED);
        assertThat(result.errorMessage()).contains("HTTP 422").contains("Validation Failed");
    }

    @Test
    void researchWithoutItsDocumentIsDocumentMissing() {
        JobPayload research = new JobPayload(
                1,
                "job-bad",
                JobKind.RESEARCH,
                "t1",
                null,
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                RepositorySpec.of(remote.toString(), "main"),
                "Look around",
                null,
                List.of(),
                null,
                List.of());

        JobResult result = run(research, "noop");

        assertThat(result.outcome()).isEqualTo(RunOutcome.DOCUMENT_MISSING);
        assertThat(result.errorMessage()).contains("RESEARCH.md");
    }

    @Test
    void instructionFilesReachTheAgentButNotTheCommitAndNeverOverwriteRepositoryFiles() throws Exception {
        JobPayload withInstructions = new JobPayload(
                1,
                "job-bad",
                JobKind.EXECUTION,
                "t1",
                null,
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/instr", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(
                        new io.viberglass.common.job.InstructionFile("AGENTS.md", "Be nice.\n"),
                        new io.viberglass.common.job.InstructionFile("README.md", "clanker readme\n")),
                null,
                List.of());

        Path args = temp.resolve("args.txt");
        Path agentEnv = temp.resolve("env.txt");
        env.put("FAKE_AGENT_ARGS_FILE", args.toString());
        env.put("FAKE_AGENT_ENV_FILE", agentEnv.toString());
        env.put("WORKER_ONLY_SETTING", "do-not-leak");
        // behind an egress proxy the platform sets these for the worker; the agent must use the same proxy
        env.put("HTTPS_PROXY", "http://viberator-proxy-job:3128");
        env.put("no_proxy", "");

        JobResult result = run(withInstructions, "edit");

        assertThat(result.outcome()).as(result.errorMessage()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(Files.readString(args)).contains("`AGENTS.md`", "`.viberator/instructions/README.md`");
        String seen = Files.readString(agentEnv);
        assertThat(seen)
                .contains("ANTHROPIC_API_KEY=" + API_KEY, "IS_SANDBOX=1", "FAKE_AGENT_MODE=edit")
                .contains("HTTPS_PROXY=http://viberator-proxy-job:3128")
                .contains("HOME=" + temp.resolve("work/job-bad/home"))
                .doesNotContain(SCM_TOKEN)
                .doesNotContain("WORKER_ONLY_SETTING")
                .doesNotContain("VIBERATOR_CLAUDE_CODE_BIN");
        assertThat(result.changedFiles()).containsExactly("HELLO.md");
        assertThat(GitFixtures.files(remote, "viberator/instr"))
                .containsExactlyInAnyOrder("README.md", "CHANGELOG.md", "HELLO.md");
    }
}
