package io.viberglass.platform.dispatch.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.viberglass.platform.dispatch.DispatchFixtures.JOB_ID;
import static io.viberglass.platform.dispatch.DispatchFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.job.FailureCode;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.DispatchFixtures;
import io.viberglass.platform.dispatch.ExecutionEnd;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.aws.AwsClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** The ECS invoker against WireMock speaking ECS's and SSM's JSON 1.1 protocol, signed with fake credentials. */
class EcsInvokerTest {
    static final String ECS = "AmazonEC2ContainerServiceV20141113.";
    static final String SSM = "AmazonSSM.";
    static final String TASK = "arn:aws:ecs:eu-west-1:123456789012:task/workers/0f1e2d3c4b5a";
    static final String API_KEY = "sk-ant-planted-" + "k".repeat(24);
    static final String KEY_PARAMETER = "/viberglass/secrets/global/ANTHROPIC_API_KEY";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = new ObjectMapper();
    final EcsWorkerSettings settings = new EcsWorkerSettings();
    AwsClients<EcsClient> ecs;
    AwsClients<SsmClient> ssm;
    EcsInvoker invoker;

    static MappingBuilder target(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(operation));
    }

    static ResponseDefinitionBuilder json(String body) {
        return okForContentType("application/x-amz-json-1.1", body);
    }

    @BeforeEach
    void connect() {
        settings.setEndpoint(aws.baseUrl());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "fake-secret"));
        ecs = new AwsClients<>(EcsClient::builder, settings, credentials, "eu-west-1");
        ssm = new AwsClients<>(SsmClient::builder, settings, credentials, "eu-west-1");
        invoker = new EcsInvoker(ecs, ssm, settings, "/viberglass/dev/secrets");
        aws.stubFor(target(SSM + "PutParameter").willReturn(json("{\"Version\":1,\"Tier\":\"Standard\"}")));
        aws.stubFor(target(ECS + "RunTask")
                .willReturn(json("{\"tasks\":[{\"taskArn\":\"" + TASK + "\",\"lastStatus\":\"PROVISIONING\"}],"
                        + "\"failures\":[]}")));
    }

    @AfterEach
    void close() {
        ecs.close();
        ssm.close();
    }

    static Map<String, Object> config(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of(
                "cluster",
                "workers",
                "taskDefinition",
                "viberator-worker:7",
                "subnets",
                List.of("subnet-a", "subnet-b"),
                "securityGroups",
                List.of("sg-1")));
        config.putAll(extra);
        return config;
    }

    static Dispatch dispatch(Map<String, Object> extra) {
        return DispatchFixtures.dispatch(
                DeploymentStrategy.ECS,
                config(extra),
                Map.of("ANTHROPIC_API_KEY", SecretValue.of(API_KEY)),
                Map.of("ANTHROPIC_API_KEY", KEY_PARAMETER));
    }

    List<LoggedRequest> requests(String operation) {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(operation)));
    }

    JsonNode body(LoggedRequest request) throws Exception {
        return mapper.readTree(request.getBodyAsString());
    }

    static Map<String, String> environment(JsonNode runTask) {
        Map<String, String> environment = new HashMap<>();
        runTask.at("/overrides/containerOverrides/0/environment")
                .forEach(pair -> environment.put(
                        pair.get("name").asText(), pair.get("value").asText()));
        return environment;
    }

    @Nested
    class Invoke {
        @Test
        void runsAFargateTaskInTheClankersNetworkWithTheJobReferenceAndSecretNamesButNoValue() throws Exception {
            String arn = invoker.invoke(dispatch(Map.of("environment", Map.of("LOG_LEVEL", "debug"))));

            assertThat(arn).isEqualTo(TASK);
            LoggedRequest runTask = requests(ECS + "RunTask").get(0);
            assertThat(runTask.getHeader("Authorization"))
                    .contains("Credential=AKIDTEST/")
                    .contains("/eu-west-1/ecs/");
            assertThat(runTask.getBodyAsString()).doesNotContain(TOKEN).doesNotContain(API_KEY);
            JsonNode body = body(runTask);
            assertThat(body.get("cluster").asText()).isEqualTo("workers");
            assertThat(body.get("taskDefinition").asText()).isEqualTo("viberator-worker:7");
            assertThat(body.get("launchType").asText()).isEqualTo("FARGATE");
            assertThat(body.get("count").asInt()).isEqualTo(1);
            JsonNode vpc = body.at("/networkConfiguration/awsvpcConfiguration");
            assertThat(mapper.convertValue(vpc.get("subnets"), List.class)).containsExactly("subnet-a", "subnet-b");
            assertThat(mapper.convertValue(vpc.get("securityGroups"), List.class))
                    .containsExactly("sg-1");
            assertThat(vpc.get("assignPublicIp").asText()).isEqualTo("DISABLED");
            assertThat(body.at("/overrides/containerOverrides/0/name").asText()).isEqualTo("worker");
            assertThat(environment(body))
                    .containsEntry("JOB_ID", JOB_ID.toString())
                    .containsEntry("TENANT_ID", "tenant-1")
                    .containsEntry("PLATFORM_API_URL", "http://localhost:8080")
                    .containsEntry("CALLBACK_TOKEN_SSM_PARAMETER", "/viberglass/dev/secrets/callback-tokens/" + JOB_ID)
                    .containsEntry("VIBERATOR_SSM_SECRETS", "ANTHROPIC_API_KEY=" + KEY_PARAMETER)
                    .containsEntry("LOG_LEVEL", "debug")
                    .doesNotContainKeys("CALLBACK_TOKEN", "ANTHROPIC_API_KEY");
            assertThat(body.get("startedBy").asText()).isEqualTo(JOB_ID.toString());
            assertThat(body.has("tags"))
                    .as("tagging would need ecs:TagResource")
                    .isFalse();
        }

        @Test
        void theCallbackTokenIsStagedAsASecureStringBeforeTheTaskStarts() throws Exception {
            invoker.invoke(dispatch(Map.of()));

            JsonNode put = body(requests(SSM + "PutParameter").get(0));
            assertThat(put.get("Name").asText()).isEqualTo("/viberglass/dev/secrets/callback-tokens/" + JOB_ID);
            assertThat(put.get("Value").asText()).isEqualTo(TOKEN);
            assertThat(put.get("Type").asText()).isEqualTo("SecureString");
            assertThat(put.get("Overwrite").asBoolean()).isTrue();
            List<String> order = aws.getAllServeEvents().stream()
                    .map(event -> event.getRequest().getHeader("X-Amz-Target"))
                    .toList();
            assertThat(order).containsExactly(ECS + "RunTask", SSM + "PutParameter"); // newest first
        }

        @Test
        void aPublicIpAnotherContainerAndTheClankersRegionCanBeChosen() throws Exception {
            invoker.invoke(
                    dispatch(Map.of("assignPublicIp", "ENABLED", "containerName", "viberator", "region", "us-west-2")));

            LoggedRequest runTask = requests(ECS + "RunTask").get(0);
            assertThat(runTask.getHeader("Authorization")).contains("/us-west-2/ecs/");
            JsonNode body = body(runTask);
            assertThat(body.at("/networkConfiguration/awsvpcConfiguration/assignPublicIp")
                            .asText())
                    .isEqualTo("ENABLED");
            assertThat(body.at("/overrides/containerOverrides/0/name").asText()).isEqualTo("viberator");
        }

        @Test
        void throttlingIsRetriedWithBackOffUntilTheTaskStarts() throws Exception {
            aws.stubFor(target(ECS + "RunTask")
                    .inScenario("throttled")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("calm")
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
            aws.stubFor(target(ECS + "RunTask")
                    .inScenario("throttled")
                    .whenScenarioStateIs("calm")
                    .willReturn(json("{\"tasks\":[{\"taskArn\":\"" + TASK + "\"}],\"failures\":[]}")));

            assertThat(invoker.invoke(dispatch(Map.of()))).isEqualTo(TASK);
            assertThat(requests(ECS + "RunTask")).hasSize(2);
        }

        @Test
        void throttlingThatOutlastsTheRetriesLeavesTheJobToTheDispatchersBackOff() {
            settings.setMaxAttempts(2);
            aws.stubFor(target(ECS + "RunTask")
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));

            assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isTrue())
                    .hasMessageContaining("Rate exceeded");
            assertThat(requests(ECS + "RunTask")).hasSize(2);
        }

        @Test
        void capacityFailuresAreRetryableAndConfigurationFailuresAreNot() {
            aws.stubFor(target(ECS + "RunTask")
                    .willReturn(json("{\"tasks\":[],\"failures\":[{\"reason\":\"RESOURCE:MEMORY\"}]}")));
            assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isTrue())
                    .hasMessageContaining("RESOURCE:MEMORY");

            aws.stubFor(target(ECS + "RunTask")
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"ClientException\",\"message\":\"TaskDefinition is inactive\"}")));
            assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isFalse())
                    .hasMessageContaining("TaskDefinition is inactive");
        }

        @Test
        void aSecretThatIsNotInSsmFailsTheJobBeforeAnythingIsSent() {
            Dispatch dispatch = DispatchFixtures.dispatch(
                    DeploymentStrategy.ECS,
                    config(Map.of()),
                    Map.of("GITHUB_TOKEN", SecretValue.of("ghp_" + "x".repeat(36))),
                    Map.of());

            assertThatThrownBy(() -> invoker.invoke(dispatch))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isFalse())
                    .hasMessageContaining("GITHUB_TOKEN is stored elsewhere");
            assertThat(aws.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    class CancelAndWatch {
        @Test
        void cancelStopsTheTaskInTheClankersCluster() throws Exception {
            aws.stubFor(target(ECS + "StopTask").willReturn(json("{\"task\":{\"taskArn\":\"" + TASK + "\"}}")));

            invoker.cancel(DispatchFixtures.clanker(DeploymentStrategy.ECS, config(Map.of())), TASK);

            JsonNode stop = body(requests(ECS + "StopTask").get(0));
            assertThat(stop.get("cluster").asText()).isEqualTo("workers");
            assertThat(stop.get("task").asText()).isEqualTo(TASK);
            assertThat(stop.get("reason").asText()).isEqualTo("Cancelled in Viberglass");
        }

        @Test
        void cancellingATaskEcsNoLongerKnowsIsQuiet() {
            aws.stubFor(target(ECS + "StopTask")
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"InvalidParameterException\",\"message\":\"The referenced task "
                                    + "was not found.\"}")));

            invoker.cancel(DispatchFixtures.clanker(DeploymentStrategy.ECS, config(Map.of())), TASK);

            assertThat(requests(ECS + "StopTask")).hasSize(1);
        }

        @Test
        void describeTasksFindsTasksThatDiedBeforeReportingAndClassifiesWhy() throws Exception {
            aws.stubFor(target(ECS + "DescribeTasks")
                    .willReturn(json("{\"tasks\":["
                            + "{\"taskArn\":\"t-running\",\"lastStatus\":\"RUNNING\"},"
                            + "{\"taskArn\":\"t-pull\",\"lastStatus\":\"STOPPED\",\"stopCode\":\"TaskFailedToStart\","
                            + "\"stoppedReason\":\"CannotPullContainerError: pull access denied\"},"
                            + "{\"taskArn\":\"t-oom\",\"lastStatus\":\"STOPPED\",\"stopCode\":\"EssentialContainerExited\","
                            + "\"stoppedReason\":\"Essential container in task exited\","
                            + "\"containers\":[{\"name\":\"worker\",\"exitCode\":137,"
                            + "\"reason\":\"OutOfMemoryError: Container killed due to memory usage\"}]}],"
                            + "\"failures\":[{\"arn\":\"t-gone\",\"reason\":\"MISSING\"}]}")));

            Map<String, ExecutionEnd> ended = invoker.ended(
                    DispatchFixtures.clanker(DeploymentStrategy.ECS, config(Map.of())),
                    List.of("t-running", "t-pull", "t-oom", "t-gone"));

            JsonNode describe = body(requests(ECS + "DescribeTasks").get(0));
            assertThat(describe.get("cluster").asText()).isEqualTo("workers");
            assertThat(mapper.convertValue(describe.get("tasks"), List.class)).hasSize(4);
            assertThat(ended).containsOnlyKeys("t-pull", "t-oom", "t-gone");
            assertThat(ended.get("t-pull").code()).isEqualTo(FailureCode.INVOCATION_FAILED);
            assertThat(ended.get("t-pull").message()).contains("CannotPullContainerError");
            assertThat(ended.get("t-oom").code()).isEqualTo(FailureCode.RUN_FAILED);
            assertThat(ended.get("t-oom").message()).contains("exit code 137").contains("OutOfMemoryError");
            assertThat(ended.get("t-gone").message()).contains("no longer exists");
        }

        @Test
        void anUnreachableEcsAnswersNothingSoTheSweeperAsksAgainLater() {
            settings.setMaxAttempts(1);
            aws.stubFor(target(ECS + "DescribeTasks")
                    .willReturn(aResponse()
                            .withStatus(500)
                            .withHeader("Content-Type", "application/x-amz-json-1.1")
                            .withBody("{\"__type\":\"ServerException\",\"message\":\"boom\"}")));

            assertThat(invoker.ended(
                            DispatchFixtures.clanker(DeploymentStrategy.ECS, config(Map.of())), List.of("t-1")))
                    .isEmpty();
        }
    }
}
