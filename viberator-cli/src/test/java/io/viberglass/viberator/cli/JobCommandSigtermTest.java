package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker as a real child process, the way the platform's local-process invoker and a container runtime start it:
 * SIGTERM while the agent runs stops the agent and still reports a {@code cancelled} result.
 */
class JobCommandSigtermTest {
    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @TempDir
    Path temp;

    @Test
    void sigtermStopsTheAgentAndReportsCancelled() throws Exception {
        Path remote = GitFixtures.bareRepository(temp.resolve("acme/shop.git"), Map.of());
        Path claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        JobPayload payload = new JobPayload(
                1,
                "job-term",
                JobKind.EXECUTION,
                "tenant-1",
                null,
                platform.baseUrl(),
                AgentSpec.of(AgentType.CLAUDE_CODE),
                new RepositorySpec(
                        remote.toString(), "main", "viberator/term", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(),
                null,
                List.of());
        platform.stubFor(get(urlPathEqualTo("/api/jobs/job-term/bootstrap"))
                .willReturn(okJson(Json.newMapper().writeValueAsString(payload))));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/job-term/progress")).willReturn(ok()));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/job-term/logs/batch")).willReturn(ok()));
        platform.stubFor(post(urlPathEqualTo("/api/jobs/job-term/result")).willReturn(ok()));

        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.viberglass.viberator.cli.Main",
                        "job")
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("worker.log").toFile());
        builder.environment().putAll(FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "slow"));
        builder.environment()
                .putAll(Map.of(
                        "FAKE_AGENT_SLEEP",
                        "120",
                        "PLATFORM_API_URL",
                        platform.baseUrl(),
                        "JOB_ID",
                        "job-term",
                        "TENANT_ID",
                        "tenant-1",
                        "CALLBACK_TOKEN",
                        "t".repeat(64),
                        "ANTHROPIC_API_KEY",
                        "sk-ant-" + "q".repeat(30),
                        "WORK_DIR",
                        temp.resolve("work").toString()));
        Process worker = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/job-term/progress"))
                            .withRequestBody(matchingJsonPath("$.step", equalTo("execute")))));

            worker.destroy(); // SIGTERM

            assertThat(worker.waitFor(40, TimeUnit.SECONDS))
                    .as("worker exits after SIGTERM")
                    .isTrue();
            assertThat(worker.exitValue()).isEqualTo(128 + 15);
            platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/job-term/result"))
                    .withRequestBody(matchingJsonPath("$.outcome", equalTo("cancelled"))));
            assertThat(GitFixtures.head(remote, "viberator/term")).isNull();
        } finally {
            worker.destroyForcibly();
        }
    }
}
