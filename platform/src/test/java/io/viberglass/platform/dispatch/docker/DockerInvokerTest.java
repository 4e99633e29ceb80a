package io.viberglass.platform.dispatch.docker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.viberglass.platform.dispatch.DispatchFixtures.JOB_ID;
import static io.viberglass.platform.dispatch.DispatchFixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.viberglass.common.job.FailureCode;
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.DispatchFixtures;
import io.viberglass.platform.dispatch.ExecutionEnd;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.bundle.SecretBundleSealer;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Docker invoker against WireMock speaking the Engine API: what docker-java sends, on the wire. */
class DockerInvokerTest {
    static final String API = "/v1.43";
    static final String CONTAINER = "4f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
    static final String IMAGE = "registry.example/viberator:1.2";
    static final String API_KEY = "sk-ant-planted-" + "k".repeat(24);
    static final String BUNDLE_TOKEN = "b".repeat(64);

    @RegisterExtension
    static WireMockExtension engine = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = new ObjectMapper();
    final DockerWorkerSettings settings = new DockerWorkerSettings();
    DockerClient docker;
    DockerInvoker invoker;
    /** What the invoker handed to the bundle store instead of the engine (SecretBundlesApiTest covers the store). */
    final List<Dispatch> sealed = new java.util.ArrayList<>();

    final SecretBundleSealer bundles = (dispatch, holder) -> {
        assertThat(holder).isEqualTo(SecretBundleSealer.Holder.WORKER);
        sealed.add(dispatch);
        return BUNDLE_TOKEN;
    };

    @BeforeEach
    void connect() {
        settings.setHost("tcp://127.0.0.1:" + engine.getPort());
        settings.setApiVersion("1.43");
        docker = DockerClients.create(settings);
        invoker = new DockerInvoker(docker, settings, bundles);
        engine.stubFor(get(urlPathMatching(API + "/images/.*/json")).willReturn(okJson("{\"Id\":\"sha256:1\"}")));
        engine.stubFor(post(urlPathEqualTo(API + "/containers/create"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Id\":\"" + CONTAINER + "\",\"Warnings\":[]}")));
        engine.stubFor(post(urlPathEqualTo(API + "/containers/" + CONTAINER + "/start"))
                .willReturn(aResponse().withStatus(204)));
        engine.stubFor(post(urlPathEqualTo(API + "/containers/" + CONTAINER + "/stop"))
                .willReturn(aResponse().withStatus(204)));
        engine.stubFor(delete(urlPathEqualTo(API + "/containers/" + CONTAINER))
                .willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void close() throws IOException {
        docker.close();
    }

    static Dispatch dispatch(Map<String, Object> extraConfig) {
        Map<String, Object> config = new HashMap<>(Map.of("image", IMAGE));
        config.putAll(extraConfig);
        Map<String, SecretValue> credentials = new LinkedHashMap<>();
        credentials.put("ANTHROPIC_API_KEY", SecretValue.of(API_KEY));
        return DispatchFixtures.dispatch(DeploymentStrategy.DOCKER, config, credentials);
    }

    LoggedRequest only(String method, String path) {
        List<LoggedRequest> found = engine.getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .filter(request -> request.getMethod().getName().equals(method)
                        && request.getUrl().startsWith(path))
                .map(LoggedRequest.class::cast)
                .toList();
        assertThat(found).as(method + " " + path).hasSize(1);
        return found.get(0);
    }

    List<String> calls() {
        List<String> calls = new java.util.ArrayList<>(engine.getAllServeEvents().stream()
                .map(event -> event.getRequest().getMethod().getName() + " "
                        + event.getRequest().getUrl().replaceAll("\\?.*", ""))
                .toList());
        java.util.Collections.reverse(calls); // WireMock lists newest first
        return calls;
    }

    @Nested
    class Invoke {
        @Test
        void createsALabelledLimitedBridgedContainerWithASecretsTmpfsThenStartsIt() throws Exception {
            String id = invoker.invoke(dispatch(Map.of("environment", Map.of("LOG_LEVEL", "debug"))));

            assertThat(id).isEqualTo(CONTAINER);
            assertThat(calls())
                    .containsExactly(
                            "GET " + API + "/images/registry.example%2Fviberator:1.2/json",
                            "POST " + API + "/containers/create",
                            "POST " + API + "/containers/" + CONTAINER + "/start");
            LoggedRequest create = only("POST", API + "/containers/create");
            assertThat(create.queryParameter("name").firstValue()).isEqualTo("viberator-job-" + JOB_ID);
            JsonNode json = mapper.readTree(create.getBodyAsString());
            assertThat(json.get("Image").asText()).isEqualTo(IMAGE);
            assertThat(mapper.convertValue(json.get("Env"), List.class))
                    .contains(
                            "JOB_ID=" + JOB_ID,
                            "TENANT_ID=tenant-1",
                            "PLATFORM_API_URL=http://host.docker.internal:8080",
                            "VIBERATOR_SECRETS_DIR=/run/viberglass",
                            "VIBERATOR_SECRET_BUNDLE_TOKEN=" + BUNDLE_TOKEN,
                            "LOG_LEVEL=debug")
                    .noneMatch(entry -> entry.toString().startsWith("CALLBACK_TOKEN"))
                    .noneMatch(entry -> entry.toString().startsWith("ANTHROPIC_API_KEY"));
            assertThat(json.get("Labels").get("io.viberglass.job-id").asText()).isEqualTo(JOB_ID.toString());
            assertThat(json.get("Labels").get("io.viberglass.project-id").asText())
                    .isEqualTo(DispatchFixtures.PROJECT_ID.toString());
            JsonNode host = json.get("HostConfig");
            assertThat(host.get("NetworkMode").asText()).isEqualTo("bridge");
            assertThat(host.get("AutoRemove").asBoolean()).isTrue();
            assertThat(host.get("Memory").asLong()).isEqualTo(4096L * 1024 * 1024);
            assertThat(host.get("NanoCpus").asLong()).isEqualTo(2_000_000_000L);
            assertThat(host.get("ExtraHosts").get(0).asText()).isEqualTo("host.docker.internal:host-gateway");
            assertThat(host.get("SecurityOpt").get(0).asText()).isEqualTo("no-new-privileges:true");
            assertThat(mapper.convertValue(host.get("Tmpfs"), Map.class))
                    .containsExactly(Map.entry(
                            "/run/viberglass", "rw,noexec,nosuid,nodev,size=1024k,mode=0700,uid=10001,gid=10001"));
        }

        @Test
        void noSecretValueNorTheCallbackTokenReachesTheEngineTheyAreSealedForTheWorkerToFetch() throws Exception {
            invoker.invoke(dispatch(Map.of("command", List.of("job"))));

            assertThat(engine.getAllServeEvents()).allSatisfy(event -> {
                String request =
                        event.getRequest().getUrl() + "\n" + event.getRequest().getHeaders() + "\n"
                                + event.getRequest().getBodyAsString();
                assertThat(request).doesNotContain(API_KEY).doesNotContain(TOKEN);
            });
            assertThat(calls()).noneMatch(call -> call.endsWith("/archive"));
            assertThat(sealed).singleElement().satisfies(dispatch -> {
                assertThat(dispatch.credentials()).containsEntry("ANTHROPIC_API_KEY", SecretValue.of(API_KEY));
                assertThat(dispatch.invocation().callbackToken()).isEqualTo(TOKEN);
            });
        }

        @Test
        void theSecretsTmpfsFollowsTheConfiguredDirectoryOwnerAndSize() throws Exception {
            settings.setSecretsDirectory("/var/run/worker-secrets");
            settings.setSecretsOwner("2000:3000");
            settings.setSecretsTmpfsKb(256);

            invoker.invoke(dispatch(Map.of()));

            JsonNode json =
                    mapper.readTree(only("POST", API + "/containers/create").getBodyAsString());
            assertThat(mapper.convertValue(json.get("HostConfig").get("Tmpfs"), Map.class))
                    .containsExactly(Map.entry(
                            "/var/run/worker-secrets", "rw,noexec,nosuid,nodev,size=256k,mode=0700,uid=2000,gid=3000"));
            assertThat(mapper.convertValue(json.get("Env"), List.class))
                    .contains("VIBERATOR_SECRETS_DIR=/var/run/worker-secrets");
        }

        @Test
        void pullsAMissingImageByRepositoryAndTagBeforeCreating() throws Exception {
            engine.stubFor(get(urlPathMatching(API + "/images/.*/json"))
                    .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"No such image\"}")));
            engine.stubFor(post(urlPathEqualTo(API + "/images/create"))
                    .willReturn(okJson("{\"status\":\"Pulling from registry.example/viberator\"}\n"
                            + "{\"status\":\"Status: Downloaded newer image for " + IMAGE + "\"}\n")));

            invoker.invoke(dispatch(Map.of()));

            LoggedRequest pull = only("POST", API + "/images/create");
            assertThat(pull.queryParameter("fromImage").firstValue()).isEqualTo("registry.example/viberator");
            assertThat(pull.queryParameter("tag").firstValue()).isEqualTo("1.2");
            assertThat(calls().get(2)).isEqualTo("POST " + API + "/containers/create");
        }

        @Test
        void theClankerMayChooseItsLimitsNetworkAndToPullAlways() throws Exception {
            engine.stubFor(post(urlPathEqualTo(API + "/images/create"))
                    .willReturn(okJson("{\"status\":\"Status: Image is up to date for " + IMAGE + "\"}")));

            invoker.invoke(
                    dispatch(Map.of("memoryMb", 1024, "cpus", 0.5, "networkMode", "workers", "pullPolicy", "always")));

            assertThat(calls()).noneMatch(call -> call.endsWith("/json"));
            JsonNode host = mapper.readTree(
                            only("POST", API + "/containers/create").getBodyAsString())
                    .get("HostConfig");
            assertThat(host.get("NetworkMode").asText()).isEqualTo("workers");
            assertThat(host.get("Memory").asLong()).isEqualTo(1024L * 1024 * 1024);
            assertThat(host.get("NanoCpus").asLong()).isEqualTo(500_000_000L);
            assertThat(host.get("ExtraHosts").isNull()).isTrue();
        }

        @Test
        void exitedContainersCanBeKeptForDebugging() throws Exception {
            settings.setAutoRemove(false);

            invoker.invoke(dispatch(Map.of()));

            JsonNode host = mapper.readTree(
                            only("POST", API + "/containers/create").getBodyAsString())
                    .get("HostConfig");
            assertThat(host.get("AutoRemove").asBoolean()).isFalse();
        }

        @Test
        void theAddressEverythingTheWorkerCallsBackOnIsTheOneItsNetworkReachesThePlatformBy() {
            var bridged = dispatch(Map.of()).clanker();
            assertThat(invoker.platformUrl(bridged, "http://localhost:8080"))
                    .isEqualTo("http://host.docker.internal:8080");
            assertThat(invoker.platformUrl(bridged, "https://viberglass.example.com"))
                    .isEqualTo("https://viberglass.example.com");

            settings.setAllowHostNetwork(true);
            var onTheHost = dispatch(Map.of("networkMode", "host")).clanker();
            assertThat(invoker.platformUrl(onTheHost, "http://localhost:8080")).isEqualTo("http://localhost:8080");

            settings.setPlatformUrl("http://platform.internal:8080");
            assertThat(invoker.platformUrl(bridged, "http://localhost:8080"))
                    .isEqualTo("http://platform.internal:8080");
        }

        @Test
        void theHostNetworkIsRefusedUnlessThePlatformAllowsIt() throws Exception {
            assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of("networkMode", "host"))))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isFalse())
                    .hasMessageContaining("allowHostNetwork");
            assertThat(engine.getAllServeEvents()).isEmpty();

            settings.setAllowHostNetwork(true);
            invoker.invoke(dispatch(Map.of("networkMode", "host")));
            JsonNode json =
                    mapper.readTree(only("POST", API + "/containers/create").getBodyAsString());
            assertThat(json.get("HostConfig").get("NetworkMode").asText()).isEqualTo("host");
            assertThat(mapper.convertValue(json.get("Env"), List.class))
                    .contains("PLATFORM_API_URL=http://localhost:8080");
        }

        @Test
        void aStaleContainerOfAnEarlierDispatchIsRemovedAndTheCreateRetried() throws Exception {
            engine.stubFor(post(urlPathEqualTo(API + "/containers/create"))
                    .inScenario("conflict")
                    .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                    .willSetStateTo("removed")
                    .willReturn(aResponse()
                            .withStatus(409)
                            .withBody("{\"message\":\"Conflict. The container name is already in use\"}")));
            engine.stubFor(post(urlPathEqualTo(API + "/containers/create"))
                    .inScenario("conflict")
                    .whenScenarioStateIs("removed")
                    .willReturn(aResponse()
                            .withStatus(201)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"Id\":\"" + CONTAINER + "\"}")));
            engine.stubFor(delete(urlPathEqualTo(API + "/containers/viberator-job-" + JOB_ID))
                    .willReturn(aResponse().withStatus(204)));

            assertThat(invoker.invoke(dispatch(Map.of()))).isEqualTo(CONTAINER);
            engine.verify(deleteRequestedFor(urlPathEqualTo(API + "/containers/viberator-job-" + JOB_ID))
                    .withQueryParam("force", equalTo("true")));
        }

        @Test
        void anEngineErrorOnStartIsRetryableAndLeavesNoContainerBehind() {
            engine.stubFor(post(urlPathEqualTo(API + "/containers/" + CONTAINER + "/start"))
                    .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"driver failed\"}")));

            assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isTrue())
                    .hasMessageContaining("HTTP 500");
            engine.verify(deleteRequestedFor(urlPathEqualTo(API + "/containers/" + CONTAINER)));
        }

        @Test
        void aMissingImageUnderPolicyNeverFailsForGood() {
            settings.setPullPolicy(PullPolicy.NEVER);
            engine.stubFor(post(urlPathEqualTo(API + "/containers/create"))
                    .willReturn(
                            aResponse().withStatus(404).withBody("{\"message\":\"No such image: " + IMAGE + "\"}")));

            assertThatThrownBy(() -> invoker.invoke(dispatch(Map.of())))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isFalse())
                    .hasMessageContaining("No such image");
        }

        @Test
        void anUnreachableEngineIsRetryable() throws Exception {
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            settings.setHost("tcp://127.0.0.1:" + closed);
            try (DockerClient unreachable = DockerClients.create(settings)) {
                assertThatThrownBy(() -> new DockerInvoker(unreachable, settings, bundles).invoke(dispatch(Map.of())))
                        .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                                .isTrue())
                        .hasMessageContaining("Docker engine at tcp://127.0.0.1:" + closed);
            }
        }

        @Test
        void aClankerWithoutAnImageFailsForGood() {
            Dispatch noImage = DispatchFixtures.dispatch(DeploymentStrategy.DOCKER, Map.of(), Map.of());

            assertThatThrownBy(() -> invoker.invoke(noImage))
                    .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                            .isFalse())
                    .hasMessageContaining("deploymentConfig.image");
        }
    }

    @Nested
    class CancelAndWatch {
        @Test
        void cancelStopsWithTheGracePeriodThenRemovesTheContainer() {
            invoker.cancel(DispatchFixtures.clanker(DeploymentStrategy.DOCKER, Map.of()), CONTAINER);

            engine.verify(postRequestedFor(urlPathEqualTo(API + "/containers/" + CONTAINER + "/stop"))
                    .withQueryParam("t", equalTo("30")));
            engine.verify(deleteRequestedFor(urlPathEqualTo(API + "/containers/" + CONTAINER))
                    .withQueryParam("force", equalTo("true")));
            assertThat(calls())
                    .containsExactly(
                            "POST " + API + "/containers/" + CONTAINER + "/stop",
                            "DELETE " + API + "/containers/" + CONTAINER);
        }

        @Test
        void cancellingAContainerThatIsAlreadyGoneIsQuiet() {
            engine.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"gone\"}")));

            invoker.cancel(DispatchFixtures.clanker(DeploymentStrategy.DOCKER, Map.of()), CONTAINER);

            engine.verify(2, anyRequestedFor(anyUrl()));
        }

        @Test
        void aVanishedOrExitedContainerIsReportedAsEndedAndARunningOneIsNot() {
            engine.stubFor(get(urlPathEqualTo(API + "/containers/running/json"))
                    .willReturn(okJson("{\"Id\":\"running\",\"State\":{\"Status\":\"running\",\"Running\":true}}")));
            engine.stubFor(get(urlPathEqualTo(API + "/containers/oom/json"))
                    .willReturn(okJson("{\"Id\":\"oom\",\"State\":{\"Status\":\"exited\",\"Running\":false,"
                            + "\"ExitCode\":137,\"OOMKilled\":true}}")));
            engine.stubFor(get(urlPathEqualTo(API + "/containers/gone/json"))
                    .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"No such container\"}")));

            Map<String, ExecutionEnd> ended = invoker.ended(
                    DispatchFixtures.clanker(DeploymentStrategy.DOCKER, Map.of()), List.of("running", "oom", "gone"));

            assertThat(ended).containsOnlyKeys("oom", "gone");
            assertThat(ended.get("oom").code()).isEqualTo(FailureCode.RUN_FAILED);
            assertThat(ended.get("oom").message()).contains("code 137").contains("out of memory");
            assertThat(ended.get("gone").message()).contains("exited without reporting a result");
        }
    }
}
