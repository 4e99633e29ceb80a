package io.viberglass.platform.dispatch.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Starting a Lambda clanker against WireMock speaking Lambda's REST-JSON API (GetFunction, CreateFunction). */
class LambdaProvisionerTest {
    static final String FUNCTION = "viberator-worker";
    static final String GET = "/2015-03-31/functions/" + FUNCTION;
    static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:" + FUNCTION;
    static final WorkerImage CATALOG = new WorkerImage(
            AgentType.CLAUDE_CODE,
            "Claude Code",
            "viberglass/worker-claude-code:1",
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/worker-lambda:1",
            false);

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final LambdaWorkerSettings settings = new LambdaWorkerSettings();
    final List<String> steps = new ArrayList<>();
    final ProvisioningProgress progress = new ProvisioningProgress() {
        @Override
        public void report(String message) {
            steps.add(message);
        }

        @Override
        public void heartbeat() {}
    };
    AwsClients<LambdaClient> lambda;
    LambdaProvisioner provisioner;

    @BeforeEach
    void connect() {
        settings.setEndpoint(aws.baseUrl());
        settings.setMaxAttempts(1);
        settings.setActivePollInterval(io.dropwizard.util.Duration.milliseconds(5));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "fake-secret"));
        lambda = new AwsClients<>(LambdaClient::builder, settings, credentials, "eu-west-1");
        provisioner = new LambdaProvisioner(lambda, settings);
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    static Clanker clanker(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("functionName", FUNCTION));
        config.putAll(extra);
        return DispatchFixtures.clanker(DeploymentStrategy.LAMBDA, config);
    }

    static String function(String state) {
        return "{\"Configuration\":{\"FunctionName\":\"" + FUNCTION + "\",\"FunctionArn\":\"" + ARN + "\",\"State\":\""
                + state + "\",\"MemorySize\":3008}}";
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound() {
        return aResponse()
                .withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withBody("{\"Type\":\"User\",\"Message\":\"Function not found: " + ARN + "\"}");
    }

    @Test
    void anActiveFunctionIsReady() throws Exception {
        aws.stubFor(get(urlPathEqualTo(GET)).willReturn(okJson(function("Active"))));

        Provisioned result = provisioner.provision(clanker(Map.of()), CATALOG, progress);

        assertThat(result.resources()).containsEntry("functionArn", ARN).containsEntry("created", false);
        assertThat(result.message()).isEqualTo("Lambda function viberator-worker is Active");
        assertThat(provisioner.check(clanker(Map.of())).available()).isTrue();
    }

    @Test
    void aMissingFunctionWithARoleIsCreatedFromTheCatalogImageAndAwaitedUntilActive() throws Exception {
        aws.stubFor(get(urlPathEqualTo(GET))
                .inScenario("create")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(notFound()));
        aws.stubFor(post(urlPathEqualTo("/2015-03-31/functions"))
                .inScenario("create")
                .willSetStateTo("pending")
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"FunctionName\":\"" + FUNCTION + "\",\"FunctionArn\":\"" + ARN
                                + "\",\"State\":\"Pending\"}")));
        aws.stubFor(get(urlPathEqualTo(GET))
                .inScenario("create")
                .whenScenarioStateIs("pending")
                .willSetStateTo("active")
                .willReturn(okJson(function("Pending"))));
        aws.stubFor(get(urlPathEqualTo(GET))
                .inScenario("create")
                .whenScenarioStateIs("active")
                .willReturn(okJson(function("Active"))));

        Provisioned result = provisioner.provision(
                clanker(Map.of("roleArn", "arn:aws:iam::123456789012:role/worker", "memoryMb", 4096)),
                CATALOG,
                progress);

        assertThat(result.configUpdates()).containsEntry("image", CATALOG.lambdaImage());
        assertThat(result.resources()).containsEntry("created", true);
        JsonNode created = new ObjectMapper()
                .readTree(aws.findAll(postRequestedFor(urlPathEqualTo("/2015-03-31/functions")))
                        .get(0)
                        .getBodyAsString());
        assertThat(created.get("PackageType").asText()).isEqualTo("Image");
        assertThat(created.at("/Code/ImageUri").asText()).isEqualTo(CATALOG.lambdaImage());
        assertThat(created.get("Role").asText()).isEqualTo("arn:aws:iam::123456789012:role/worker");
        assertThat(created.get("MemorySize").asInt()).isEqualTo(4096);
        assertThat(created.get("Timeout").asInt()).isEqualTo(900);
        assertThat(steps)
                .containsSubsequence(
                        "Looking up Lambda function viberator-worker",
                        "Creating Lambda function viberator-worker from image " + CATALOG.lambdaImage(),
                        "Lambda function viberator-worker is Pending; waiting");
    }

    @Test
    void aMissingFunctionWithoutARoleSaysWhatToSet() {
        aws.stubFor(get(urlPathEqualTo(GET)).willReturn(notFound()));

        assertThatThrownBy(() -> provisioner.provision(clanker(Map.of()), CATALOG, progress))
                .isInstanceOf(ProvisioningException.class)
                .hasMessageContaining("Lambda function viberator-worker not found")
                .hasMessageContaining("deploymentConfig.roleArn");
        assertThat(provisioner.check(clanker(Map.of())).message())
                .isEqualTo("Lambda function viberator-worker not found");
    }

    @Test
    void aFailedFunctionSurfacesItsReason() {
        aws.stubFor(get(urlPathEqualTo(GET))
                .willReturn(okJson("{\"Configuration\":{\"FunctionName\":\"" + FUNCTION + "\",\"State\":\"Failed\","
                        + "\"StateReason\":\"The image manifest is invalid\"}}")));

        assertThatThrownBy(() -> provisioner.provision(clanker(Map.of()), CATALOG, progress))
                .hasMessage("Lambda function viberator-worker is Failed: The image manifest is invalid");
    }
}
