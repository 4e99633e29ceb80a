package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code viberator job} as the Docker and ECS invokers start it: the callback token from a copied-in file or a staged
 * SSM parameter (both consumed), the credentials from SSM by name. WireMock plays the platform and SSM.
 */
class JobCommandTokenSourcesTest {
    static final String JOB = "job-7";
    static final String TOKEN = "c".repeat(64);
    static final String API_KEY = "sk-ant-from-ssm-" + "s".repeat(24);
    static final String TOKEN_PARAMETER = "/viberglass/callback-tokens/" + JOB;
    static final String KEY_PARAMETER = "/viberglass/secrets/global/ANTHROPIC_API_KEY";

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = Json.newMapper();

    @TempDir
    Path temp;

    Path remote;
    Path claude;

    @BeforeEach
    void setUp() throws Exception {
        remote = GitFixtures.bareRepository(temp.resolve("shop.git"), Map.of());
        claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        for (String path : List.of("progress", "logs/batch", "result")) {
            platform.stubFor(
                    post(urlPathEqualTo("/api/jobs/" + JOB + "/" + path)).willReturn(ok()));
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
                        remote.toString(), "main", "viberator/job-7", null, ScmProvider.GIT, null, null, null, null),
                "Add a greeting",
                null,
                List.of(),
                new WorkerSettings(60, null, false, false, null, null),
                List.of("ANTHROPIC_API_KEY"));
        platform.stubFor(get(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap"))
                .withHeader("X-Callback-Token", equalTo(TOKEN))
                .willReturn(okJson(mapper.writeValueAsString(payload))));
    }

    static MappingBuilder ssm(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation));
    }

    CliRunner cli() {
        return new CliRunner()
                .env(FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "leak"))
                .env("PLATFORM_API_URL", platform.baseUrl())
                .env("JOB_ID", JOB)
                .env("TENANT_ID", "tenant-1")
                .env("VIBERATOR_SECRETS_DIR", temp.resolve("secrets").toString())
                .env("WORK_DIR", temp.resolve("work").toString());
    }

    CliRunner ecs() {
        return cli().env("AWS_REGION", "eu-west-1")
                .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
                .env("AWS_SECRET_ACCESS_KEY", "fake-secret")
                .env("VIBERATOR_SSM_ENDPOINT", platform.baseUrl())
                .env("CALLBACK_TOKEN_SSM_PARAMETER", TOKEN_PARAMETER)
                .env("VIBERATOR_SSM_SECRETS", "ANTHROPIC_API_KEY=" + KEY_PARAMETER);
    }

    @Test
    void aTokenFileIsReadThenDeletedAndUsedForEveryCallback() throws Exception {
        Path tokenFile = temp.resolve("run/viberglass/callback-token");
        Files.createDirectories(tokenFile.getParent());
        Files.writeString(tokenFile, TOKEN);

        CliRunner.Run run = cli().env("CALLBACK_TOKEN_FILE", tokenFile.toString())
                .env("ANTHROPIC_API_KEY", API_KEY)
                .execute("job");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(tokenFile).doesNotExist();
        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .withHeader("X-Callback-Token", equalTo(TOKEN)));
    }

    @Test
    void onEcsTheTokenAndTheCredentialsComeFromSsmByNameAndTheStagedTokenIsDeleted() throws Exception {
        platform.stubFor(ssm("GetParameter")
                .withRequestBody(matchingJsonPath("$.Name", equalTo(TOKEN_PARAMETER)))
                .willReturn(okForContentType(
                        "application/x-amz-json-1.1",
                        "{\"Parameter\":{\"Name\":\"" + TOKEN_PARAMETER + "\",\"Type\":\"SecureString\",\"Value\":\""
                                + TOKEN + "\",\"Version\":1}}")));
        platform.stubFor(ssm("DeleteParameter").willReturn(okForContentType("application/x-amz-json-1.1", "{}")));
        platform.stubFor(ssm("GetParameters")
                .willReturn(okForContentType(
                        "application/x-amz-json-1.1",
                        "{\"Parameters\":[{\"Name\":\"" + KEY_PARAMETER + "\",\"Type\":\"SecureString\",\"Value\":\""
                                + API_KEY + "\"}],\"InvalidParameters\":[]}")));

        CliRunner.Run run = ecs().execute("job");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        platform.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(matchingJsonPath("$.WithDecryption", equalTo("true"))));
        platform.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.DeleteParameter"))
                .withRequestBody(matchingJsonPath("$.Name", equalTo(TOKEN_PARAMETER))));
        platform.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameters"))
                .withRequestBody(matchingJsonPath("$.Names[0]", equalTo(KEY_PARAMETER))));
        platform.verify(getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap")));
        // the fake agent prints the key it was given: it got the SSM value, and the worker redacted it
        String logs = String.join(
                "\n",
                platform.findAll(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/logs/batch"))).stream()
                        .map(request -> request.getBodyAsString())
                        .toList());
        assertThat(logs).contains("debug: my key is [REDACTED]").doesNotContain(API_KEY);
        assertThat(GitFixtures.head(remote, "viberator/job-7")).isNotNull();
    }

    @Test
    void aCredentialMissingFromSsmFailsTheJobAsConfigInvalidNamingTheParameter() throws Exception {
        platform.stubFor(ssm("GetParameter")
                .willReturn(okForContentType(
                        "application/x-amz-json-1.1",
                        "{\"Parameter\":{\"Name\":\"" + TOKEN_PARAMETER + "\",\"Value\":\"" + TOKEN + "\"}}")));
        platform.stubFor(ssm("DeleteParameter").willReturn(okForContentType("application/x-amz-json-1.1", "{}")));
        platform.stubFor(ssm("GetParameters")
                .willReturn(okForContentType(
                        "application/x-amz-json-1.1",
                        "{\"Parameters\":[],\"InvalidParameters\":[\"" + KEY_PARAMETER + "\"]}")));

        CliRunner.Run run = ecs().execute("job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
        platform.verify(postRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/result"))
                .withHeader("X-Callback-Token", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.outcome", equalTo("config_invalid")))
                .withRequestBody(matchingJsonPath("$.errorMessage", equalTo("SSM has no parameter " + KEY_PARAMETER))));
    }

    @Test
    void anUnreadableTokenParameterStopsBeforeAnythingIsFetched() {
        platform.stubFor(ssm("GetParameter")
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"not found\"}")));

        CliRunner.Run run = ecs().execute("job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(run.err()).contains("The callback token could not be read").contains(TOKEN_PARAMETER);
        platform.verify(0, getRequestedFor(urlPathEqualTo("/api/jobs/" + JOB + "/bootstrap")));
    }
}
