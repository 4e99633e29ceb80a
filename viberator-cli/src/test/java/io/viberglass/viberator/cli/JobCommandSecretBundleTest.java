package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.SecretBundle;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import io.viberglass.viberator.testing.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viberator job} as the Docker invoker starts it: only a one-time bundle token in the environment, traded at
 * start for the callback token and the credentials, which are written into the (tmpfs) secrets directory and read from
 * there like every worker's secret files. WireMock plays the platform; the repository sits behind a git HTTP server
 * that wants the token.
 */
class JobCommandSecretBundleTest {
    static final String JOB = "job-9";
    static final String BUNDLE_TOKEN = "b".repeat(64);
    static final String CALLBACK_TOKEN = "c".repeat(64);
    static final String API_KEY = "sk-ant-from-bundle-" + "a".repeat(24);
    static final String GIT_TOKEN = "git-token-from-bundle-" + "g".repeat(20);

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path temp;

    Path tmpfs;
    Path agentEnvironment;
    Path remote;
    GitHttpServer git;

    @BeforeEach
    void setUp() throws Exception {
        tmpfs = temp.resolve("run/viberglass");
        agentEnvironment = temp.resolve("agent-env.txt");
        remote = GitFixtures.bareRepository(temp.resolve("repos/shop.git"), Map.of());
        git = new GitHttpServer(temp.resolve("repos"), GIT_TOKEN, false);
        for (String path : List.of("progress", "logs/batch", "result")) {
            platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/" + path))
                    .withHeader("X-Callback-Token", equalTo(CALLBACK_TOKEN))
                    .willReturn(ok()));
        }
        JobPayload payload = new JobPayload(
                1,
                JOB,
                JobKind.EXECUTION,
                "tenant-1",
                null,
                platform.baseUrl(),
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        git.url("shop.git"), "main", "viberator/job-9", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(),
                new WorkerSettings(60, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY", "GIT_TOKEN"));
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .withHeader("X-Callback-Token", equalTo(CALLBACK_TOKEN))
                .willReturn(okJson(mapper.writeValueAsString(payload))));
    }

    @AfterEach
    void stopGit() throws Exception {
        git.close();
    }

    void bundleAnswers(int status, String body) {
        platform.stubFor(post(urlPathEqualTo("/api/jobs/" + JOB + "/secret-bundle"))
                .withHeader("X-Secret-Bundle-Token", equalTo(BUNDLE_TOKEN))
                .withHeader("X-Tenant-Id", equalTo("tenant-1"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    CliRunner.Run runAsDockerStartsIt() throws Exception {
        Path claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        Map<String, String> agent = FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "leak");
        return new CliRunner()
                .env(agent)
                .env("FAKE_AGENT_ENV_FILE", agentEnvironment.toString())
                .env("PLATFORM_API_URL", platform.baseUrl())
                .env("JOB_ID", JOB)
                .env("TENANT_ID", "tenant-1")
                .env("VIBERATOR_SECRET_BUNDLE_TOKEN", BUNDLE_TOKEN)
                .env("VIBERATOR_SECRETS_DIR", tmpfs.toString())
                .env("WORK_DIR", temp.resolve("work").toString())
                .execute("job");
    }

    @Test
    void theWorkerTradesItsOneTimeTokenForItsSecretsAndRunsWithThem() throws Exception {
        bundleAnswers(
                200,
                mapper.writeValueAsString(new SecretBundle(
                        CALLBACK_TOKEN, Map.of("ANTHROPIC_API_KEY", API_KEY, "GIT_TOKEN", GIT_TOKEN))));

        CliRunner.Run run = runAsDockerStartsIt();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        platform.verify(1, postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/secret-bundle")));
        // every later call authenticates with the callback token from the bundle
        platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap")));
        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .withHeader("X-Callback-Token", equalTo(CALLBACK_TOKEN)));
        // the files were written into the private directory, read and deleted before the agent started
        assertThat(Files.getPosixFilePermissions(tmpfs)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(tmpfs).isEmptyDirectory();
        // the agent got its model key and nothing else: the git token went only to git's transport (the push worked)
        String seen = Files.readString(agentEnvironment);
        assertThat(seen)
                .contains("ANTHROPIC_API_KEY=" + API_KEY)
                .doesNotContain(GIT_TOKEN)
                .doesNotContain(CALLBACK_TOKEN)
                .doesNotContain(BUNDLE_TOKEN);
        assertThat(GitFixtures.head(remote, "viberator/job-9")).isNotNull();
        String sent = String.join(
                "\n",
                platform.findAll(anyRequestedFor(anyUrl())).stream()
                        .filter(request -> !request.getUrl().endsWith("/secret-bundle"))
                        .map(request -> request.getBodyAsString())
                        .toList());
        assertThat(sent)
                .contains("debug: my key is [REDACTED]")
                .doesNotContain(API_KEY)
                .doesNotContain(GIT_TOKEN)
                .doesNotContain(BUNDLE_TOKEN);
    }

    @Test
    void aBundleAlreadyFetchedStopsTheWorkerBeforeItDoesAnything() throws Exception {
        bundleAnswers(410, "{\"error\":\"Gone\",\"code\":\"SECRET_BUNDLE_GONE\"}");

        CliRunner.Run run = runAsDockerStartsIt();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(run.err()).contains("refused the secret bundle request").contains("HTTP 410");
        platform.verify(0, getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap")));
        assertThat(tmpfs).doesNotExist();
    }
}
