package io.viberglass.platform.dispatch.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.viberglass.platform.dispatch.DispatchFixtures.JOB_ID;
import static io.viberglass.platform.dispatch.DispatchFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.job.WorkerEvent;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.DispatchFixtures;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.aws.AwsClients;
import java.time.Duration;
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

/** The Lambda invoker against WireMock speaking Lambda's REST-JSON Invoke API. */
class LambdaInvokerTest {
    static final String FUNCTION = "viberator-worker";
    static final String PATH = "/2015-03-31/functions/" + FUNCTION + "/invocations";
    static final String API_KEY = "sk-ant-planted-" + "k".repeat(24);
    static final String KEY_PARAMETER = "/viberglass/secrets/global/ANTHROPIC_API_KEY";
    static final String PENDING = "The operation cannot be performed at this time. The function is currently in the "
            + "following state: Pending";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final LambdaWorkerSettings settings = new LambdaWorkerSettings();
    AwsClients<LambdaClient> lambda;
    LambdaInvoker invoker;

    static ResponseDefinitionBuilder queued() {
        return aResponse().withStatus(202).withHeader("x-amzn-RequestId", "req-7f3a");
    }

    static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type)
                .withBody("{\"Type\":\"User\",\"message\":\"" + message + "\"}");
    }

    @BeforeEach
    void connect() {
        settings.setEndpoint(aws.baseUrl());
        settings.setConflictBackoff(io.dropwizard.util.Duration.milliseconds(5));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "fake-secret"));
        lambda = new AwsClients<>(LambdaClient::builder, settings, credentials, "eu-west-1");
        invoker = new LambdaInvoker(lambda, settings, Json.newMapper());
        aws.stubFor(post(urlPathEqualTo(PATH)).willReturn(queued()));
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    static Dispatch dispatch(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(Map.of("functionName", FUNCTION));
        config.putAll(extra);
        return DispatchFixtures.dispatch(
                DeploymentStrategy.LAMBDA,
                config,
                Map.of("ANTHROPIC_API_KEY", SecretValue.of(API_KEY)),
                Map.of("ANTHROPIC_API_KEY", KEY_PARAMETER));
    }

    List<LoggedRequest> invokes() {
        return aws.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void invokesTheFunctionAsynchronouslyWithTheJobReferenceTokenAndSecretNamesOnly() throws Exception {
        String executionId = invoker.invoke(dispatch(Map.of()));

        assertThat(executionId).isEqualTo("req-7f3a");
        LoggedRequest invoke = invokes().get(0);
        assertThat(invoke.getHeader("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(invoke.getHeader("Authorization")).contains("/eu-west-1/lambda/aws4_request");
        assertThat(invoke.getBodyAsString()).doesNotContain(API_KEY);
        WorkerEvent event = Json.newMapper().readValue(invoke.getBody(), WorkerEvent.class);
        assertThat(event)
                .isEqualTo(new WorkerEvent(
                        JOB_ID.toString(),
                        "http://localhost:8080",
                        "tenant-1",
                        TOKEN,
                        Map.of("ANTHROPIC_API_KEY", KEY_PARAMETER)));
    }

    @Test
    void aQualifierAndAnotherCallbackUrlCanBeConfigured() throws Exception {
        settings.setPlatformUrl("https://viberglass.example.com");
        aws.stubFor(post(urlPathEqualTo(PATH)).willReturn(queued()));

        invoker.invoke(dispatch(Map.of("qualifier", "live")));

        LoggedRequest invoke = invokes().get(0);
        assertThat(invoke.queryParameter("Qualifier").firstValue()).isEqualTo("live");
        assertThat(invoke.getBodyAsString()).contains("\"platformApiUrl\":\"https://viberglass.example.com\"");
    }

    @Test
    void aFunctionThatIsBeingUpdatedIsTriedAgainWithBackOff() throws Exception {
        aws.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("update")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("still pending")
                .willReturn(error(409, "ResourceConflictException", PENDING)));
        aws.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("update")
                .whenScenarioStateIs("still pending")
                .willSetStateTo("active")
                .willReturn(error(409, "ResourceConflictException", PENDING)));
        aws.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("update")
                .whenScenarioStateIs("active")
                .willReturn(queued()));

        assertThat(invoker.invoke(dispatch(Map.of()))).isEqualTo("req-7f3a");
        assertThat(invokes()).hasSize(3);
    }

    @Test
    void aConflictThatOutlastsTheRetriesAsksTheDispatcherToWaitLonger() {
        aws.stubFor(post(urlPathEqualTo(PATH)).willReturn(error(409, "ResourceConflictException", PENDING)));

        assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                .isInstanceOfSatisfying(InvocationException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(15));
                })
                .hasMessageContaining("Pending");
        assertThat(invokes()).hasSize(1 + settings.getConflictRetries());
    }

    @Test
    void throttlingIsRetriedByTheSdk() throws Exception {
        aws.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("calm")
                .willReturn(
                        error(429, "TooManyRequestsException", "Rate exceeded").withHeader("Retry-After", "1")));
        aws.stubFor(post(urlPathEqualTo(PATH))
                .inScenario("throttle")
                .whenScenarioStateIs("calm")
                .willReturn(queued()));

        assertThat(invoker.invoke(dispatch(Map.of()))).isEqualTo("req-7f3a");
        assertThat(invokes()).hasSize(2);
    }

    @Test
    void aMissingFunctionFailsForGood() {
        aws.stubFor(post(urlPathEqualTo(PATH))
                .willReturn(error(404, "ResourceNotFoundException", "Function not found: " + FUNCTION)));

        assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessageContaining("Function not found");
    }

    @Test
    void aSecretOutsideSsmFailsBeforeInvoking() {
        Dispatch dispatch = DispatchFixtures.dispatch(
                DeploymentStrategy.LAMBDA,
                Map.of("functionName", FUNCTION),
                Map.of("GITHUB_TOKEN", SecretValue.of("ghp_" + "x".repeat(36))),
                Map.of());

        assertThatThrownBy(() -> invoker.invoke(dispatch))
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessageContaining("GITHUB_TOKEN");
        aws.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void cancelCallsNothingBecauseTheWorkerLearnsItFromItsNextCallback() {
        invoker.cancel(DispatchFixtures.clanker(DeploymentStrategy.LAMBDA, Map.of()), "req-7f3a");

        aws.verify(0, anyRequestedFor(anyUrl()));
    }
}
