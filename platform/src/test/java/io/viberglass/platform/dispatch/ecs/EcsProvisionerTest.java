package io.viberglass.platform.dispatch.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.viberglass.platform.dispatch.ecs.EcsInvokerTest.ECS;
import static io.viberglass.platform.dispatch.ecs.EcsInvokerTest.json;
import static io.viberglass.platform.dispatch.ecs.EcsInvokerTest.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.AgentType;
import io.viberglass.platform.clankers.Clanker;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.clankers.Provisioned;
import io.viberglass.platform.clankers.ProvisioningException;
import io.viberglass.platform.clankers.ProvisioningProgress;
import io.viberglass.platform.clankers.WorkerImage;
import io.viberglass.platform.dispatch.DispatchFixtures;
import io.viberglass.platform.dispatch.aws.AwsClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Starting an ECS clanker against WireMock speaking ECS's JSON 1.1 protocol. */
class EcsProvisionerTest {
    static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:task-definition/viberator-worker:8";
    static final WorkerImage CATALOG =
            new WorkerImage(AgentType.CODEX, "Codex", "viberglass/worker-codex:1", "viberglass/worker-lambda:1", false);

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = new ObjectMapper();
    final EcsWorkerSettings settings = new EcsWorkerSettings();
    final List<String> steps = new ArrayList<>();
    final ProvisioningProgress progress = new ProvisioningProgress() {
        @Override
        public void report(String message) {
            steps.add(message);
        }

        @Override
        public void heartbeat() {}
    };
    AwsClients<EcsClient> ecs;
    EcsProvisioner provisioner;

    @BeforeEach
    void connect() {
        settings.setEndpoint(aws.baseUrl());
        settings.setMaxAttempts(1);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "fake-secret"));
        ecs = new AwsClients<>(EcsClient::builder, settings, credentials, "eu-west-1");
        provisioner = new EcsProvisioner(ecs, settings);
        aws.stubFor(target(ECS + "DescribeClusters")
                .willReturn(json(
                        "{\"clusters\":[{\"clusterName\":\"workers\",\"status\":\"ACTIVE\"}]," + "\"failures\":[]}")));
    }

    @AfterEach
    void close() {
        ecs.close();
    }

    static Clanker clanker(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(EcsInvokerTest.config(Map.of()));
        config.putAll(extra);
        return DispatchFixtures.clanker(DeploymentStrategy.ECS, config);
    }

    static String definition(String status) {
        return "{\"taskDefinition\":{\"taskDefinitionArn\":\"" + ARN + "\",\"revision\":8,\"status\":\"" + status
                + "\",\"containerDefinitions\":[{\"name\":\"worker\",\"image\":\"registry/worker:3\"}]}}";
    }

    @Test
    void anExistingTaskDefinitionIsDescribedAndReported() throws Exception {
        aws.stubFor(target(ECS + "DescribeTaskDefinition").willReturn(json(definition("ACTIVE"))));

        Provisioned result = provisioner.provision(clanker(Map.of()), CATALOG, progress);

        assertThat(result.configUpdates()).isEmpty();
        assertThat(result.resources())
                .containsEntry("taskDefinitionArn", ARN)
                .containsEntry("image", "registry/worker:3");
        assertThat(result.message()).contains(ARN).contains("registry/worker:3");
        assertThat(steps)
                .containsExactly("Checking ECS cluster workers", "Checking task definition viberator-worker:7");
        aws.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(ECS + "DescribeTaskDefinition"))
                .withRequestBody(matchingJsonPath("$.taskDefinition", equalTo("viberator-worker:7"))));
        assertThat(provisioner.check(clanker(Map.of())).available()).isTrue();
    }

    @Test
    void aMissingTaskDefinitionFailsWithAwsReason() {
        aws.stubFor(
                target(ECS + "DescribeTaskDefinition")
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                                        .withBody(
                                                "{\"__type\":\"ClientException\",\"message\":\"Unable to describe task definition.\"}")));

        assertThatThrownBy(() -> provisioner.provision(clanker(Map.of()), CATALOG, progress))
                .isInstanceOf(ProvisioningException.class)
                .hasMessage("ECS task definition viberator-worker:7 not found: Unable to describe task definition.");
        assertThat(provisioner.check(clanker(Map.of())).resourceExists()).isFalse();
    }

    @Test
    void aDeregisteredTaskDefinitionIsRefused() {
        aws.stubFor(target(ECS + "DescribeTaskDefinition").willReturn(json(definition("INACTIVE"))));

        assertThatThrownBy(() -> provisioner.provision(clanker(Map.of()), CATALOG, progress))
                .hasMessageContaining("is INACTIVE");
    }

    @Test
    void aMissingClusterIsRefused() {
        aws.stubFor(target(ECS + "DescribeClusters")
                .willReturn(json("{\"clusters\":[],\"failures\":[{\"arn\":\"workers\",\"reason\":\"MISSING\"}]}")));

        assertThatThrownBy(() -> provisioner.provision(clanker(Map.of()), CATALOG, progress))
                .hasMessage("ECS cluster workers: MISSING");
    }

    @Test
    void registerTaskDefinitionRegistersTheCatalogImageAndStoresTheArn() throws Exception {
        aws.stubFor(target(ECS + "RegisterTaskDefinition").willReturn(json(definition("ACTIVE"))));

        Provisioned result = provisioner.provision(
                clanker(Map.of(
                        "registerTaskDefinition",
                        true,
                        "executionRoleArn",
                        "arn:aws:iam::123456789012:role/exec",
                        "logGroup",
                        "/viberglass/workers")),
                CATALOG,
                progress);

        assertThat(result.configUpdates())
                .containsEntry("taskDefinition", ARN)
                .containsEntry("image", "viberglass/worker-codex:1");
        JsonNode sent = mapper.readTree(aws.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo(ECS + "RegisterTaskDefinition")))
                .get(0)
                .getBodyAsString());
        assertThat(sent.get("family").asText()).isEqualTo("viberator-worker");
        assertThat(sent.get("networkMode").asText()).isEqualTo("awsvpc");
        assertThat(sent.get("requiresCompatibilities").get(0).asText()).isEqualTo("FARGATE");
        assertThat(sent.get("executionRoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/exec");
        assertThat(sent.at("/containerDefinitions/0/image").asText()).isEqualTo("viberglass/worker-codex:1");
        assertThat(sent.at("/containerDefinitions/0/name").asText()).isEqualTo("worker");
        assertThat(sent.at("/containerDefinitions/0/logConfiguration/options/awslogs-group")
                        .asText())
                .isEqualTo("/viberglass/workers");
    }

    @Test
    void registerWithoutAnExecutionRoleNamesTheKey() {
        assertThatThrownBy(
                        () -> provisioner.provision(clanker(Map.of("registerTaskDefinition", true)), CATALOG, progress))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("deploymentConfig.executionRoleArn");
    }

    @Test
    void familyIsTakenFromNamesRevisionsAndArns() {
        assertThat(EcsProvisioner.family("worker")).isEqualTo("worker");
        assertThat(EcsProvisioner.family("worker:3")).isEqualTo("worker");
        assertThat(EcsProvisioner.family(ARN)).isEqualTo("viberator-worker");
    }
}
