package io.viberglass.platform.dispatch.docker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
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
import io.viberglass.common.security.SecretValue;
import io.viberglass.platform.clankers.DeploymentStrategy;
import io.viberglass.platform.dispatch.Dispatch;
import io.viberglass.platform.dispatch.DispatchFixtures;
import io.viberglass.platform.dispatch.EgressPlan;
import io.viberglass.platform.dispatch.InvocationException;
import io.viberglass.platform.dispatch.bundle.SecretBundleSealer;
import io.viberglass.platform.egress.EgressMode;
import io.viberglass.platform.egress.EgressPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A restricted run on Docker: what the invoker asks the Engine API for, call by call. */
class DockerEgressTest {
    static final String API = "/v1.43";
    static final String WORKER = "4f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";
    static final String PROXY = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";
    static final String IMAGE = "registry.example/viberator:1.2";
    static final String NETWORK = "viberator-egress-" + JOB_ID;
    static final String PROXY_NAME = "viberator-proxy-" + JOB_ID;
    static final String API_KEY = "sk-ant-planted-" + "k".repeat(24);
    static final String PROXY_IP = "172.30.0.2";
    static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");

    @RegisterExtension
    static WireMockExtension engine = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    final ObjectMapper mapper = new ObjectMapper();
    final DockerWorkerSettings settings = new DockerWorkerSettings();
    DockerClient docker;
    DockerInvoker invoker;
    final List<SecretBundleSealer.Holder> sealed = new ArrayList<>();

    @BeforeEach
    void connect() {
        settings.setHost("tcp://127.0.0.1:" + engine.getPort());
        settings.setApiVersion("1.43");
        docker = DockerClients.create(settings);
        invoker = new DockerInvoker(
                docker,
                settings,
                (dispatch, holder) -> {
                    sealed.add(holder);
                    return holder == SecretBundleSealer.Holder.WORKER ? "b".repeat(64) : "p".repeat(64);
                },
                Clock.fixed(NOW, ZoneOffset.UTC));
        engine.stubFor(get(urlPathMatching(API + "/images/.*/json")).willReturn(okJson("{\"Id\":\"sha256:1\"}")));
        engine.stubFor(get(urlPathEqualTo(API + "/networks")).willReturn(okJson("[]")));
        engine.stubFor(delete(urlPathMatching(API + "/networks/.*"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"no such network\"}")));
        engine.stubFor(post(urlPathEqualTo(API + "/networks/create"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Id\":\"net-1\",\"Warning\":\"\"}")));
        engine.stubFor(post(urlPathEqualTo(API + "/networks/" + NETWORK + "/connect"))
                .willReturn(aResponse().withStatus(200)));
        stubCreate("viberator-job-" + JOB_ID, WORKER);
        stubCreate(PROXY_NAME, PROXY);
        // the Engine's answer once the proxy runs: its address on the run's internal network and on its usual one
        engine.stubFor(get(urlPathEqualTo(API + "/containers/" + PROXY + "/json"))
                .willReturn(okJson("{\"Id\":\"" + PROXY + "\",\"State\":{\"Status\":\"running\",\"Running\":true},"
                        + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"IPAddress\":\"172.17.0.5\"},\"" + NETWORK
                        + "\":{\"IPAddress\":\"" + PROXY_IP + "\"}}}}")));
        engine.stubFor(delete(urlPathEqualTo(API + "/containers/" + PROXY_NAME))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"no such container\"}")));
        for (String id : List.of(WORKER, PROXY)) {
            engine.stubFor(put(urlPathEqualTo(API + "/containers/" + id + "/archive"))
                    .willReturn(aResponse().withStatus(200)));
            engine.stubFor(post(urlPathEqualTo(API + "/containers/" + id + "/start"))
                    .willReturn(aResponse().withStatus(204)));
            engine.stubFor(post(urlPathEqualTo(API + "/containers/" + id + "/stop"))
                    .willReturn(aResponse().withStatus(204)));
            engine.stubFor(delete(urlPathEqualTo(API + "/containers/" + id))
                    .willReturn(aResponse().withStatus(204)));
        }
    }

    void stubCreate(String name, String id) {
        engine.stubFor(post(urlPathEqualTo(API + "/containers/create"))
                .withQueryParam("name", equalTo(name))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"Id\":\"" + id + "\",\"Warnings\":[]}")));
    }

    @AfterEach
    void close() throws IOException {
        docker.close();
    }

    /** A run of a clanker whose policy allows npm's registry besides what the worker needs itself. */
    static Dispatch restricted() {
        Dispatch open = DispatchFixtures.dispatch(
                DeploymentStrategy.DOCKER,
                Map.of("image", IMAGE),
                Map.of("ANTHROPIC_API_KEY", SecretValue.of(API_KEY)));
        EgressPlan plan = EgressPlan.of(
                new EgressPolicy(
                        DispatchFixtures.CLANKER_ID, EgressMode.ALLOWLIST, List.of("registry.npmjs.org"), null),
                open.job().payload().repository());
        return new Dispatch(
                open.job(), open.clanker(), open.invocation(), open.credentials(), open.ssmParameters(), plan);
    }

    List<String> calls() {
        List<String> calls = new ArrayList<>(engine.getAllServeEvents().stream()
                .map(event -> event.getRequest().getMethod().getName() + " "
                        + event.getRequest().getUrl().replaceAll("\\?.*", ""))
                .toList());
        Collections.reverse(calls); // WireMock lists newest first
        return calls;
    }

    LoggedRequest create(String name) {
        return engine.getAllServeEvents().stream()
                .map(event -> (LoggedRequest) event.getRequest())
                .filter(request -> request.getUrl().startsWith(API + "/containers/create?name=" + name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRestrictedRunGetsAnInternalNetworkAProxyOnBothNetworksAndAWorkerOnlyOnTheInternalOne() throws Exception {
        String executionId = invoker.invoke(restricted());

        assertThat(executionId).isEqualTo(WORKER + "/egress/" + JOB_ID);
        // the proxy first: the worker is created with the address the Engine gave the running proxy
        assertThat(calls())
                .containsExactly(
                        "GET " + API + "/images/registry.example%2Fviberator:1.2/json",
                        "GET " + API + "/networks",
                        "DELETE " + API + "/networks/" + NETWORK,
                        "POST " + API + "/networks/create",
                        "DELETE " + API + "/containers/" + PROXY_NAME,
                        "POST " + API + "/containers/create",
                        "POST " + API + "/networks/" + NETWORK + "/connect",
                        "POST " + API + "/containers/" + PROXY + "/start",
                        "GET " + API + "/containers/" + PROXY + "/json",
                        "POST " + API + "/containers/create",
                        "POST " + API + "/containers/" + WORKER + "/start");

        JsonNode network = mapper.readTree(engine.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().startsWith(API + "/networks/create"))
                .findFirst()
                .orElseThrow()
                .getRequest()
                .getBodyAsString());
        assertThat(network.get("Name").asText()).isEqualTo(NETWORK);
        assertThat(network.get("Internal").asBoolean()).isTrue();
        assertThat(network.get("Labels").get("io.viberglass.role").asText()).isEqualTo("egress-proxy");
        assertThat(network.get("Labels").get("io.viberglass.worker").asText()).isEqualTo("viberator-job-" + JOB_ID);

        JsonNode worker = mapper.readTree(create("viberator-job-" + JOB_ID).getBodyAsString());
        assertThat(worker.get("HostConfig").get("NetworkMode").asText()).isEqualTo(NETWORK);
        assertThat(worker.get("HostConfig").get("ExtraHosts").isNull()).isTrue();
        assertThat(mapper.convertValue(worker.get("Env"), List.class))
                .contains(
                        "HTTPS_PROXY=http://" + PROXY_IP + ":3128",
                        "HTTP_PROXY=http://" + PROXY_IP + ":3128",
                        "https_proxy=http://" + PROXY_IP + ":3128",
                        "http_proxy=http://" + PROXY_IP + ":3128",
                        "NO_PROXY=",
                        "PLATFORM_API_URL=http://host.docker.internal:8080",
                        "VIBERATOR_SECRET_BUNDLE_TOKEN=" + "b".repeat(64));
        // no name to resolve, and a resolver on the container's own loopback that answers none (no search domain)
        assertThat(mapper.convertValue(worker.get("HostConfig").get("Dns"), List.class))
                .containsExactly("127.0.0.1");
        assertThat(mapper.convertValue(worker.get("HostConfig").get("DnsSearch"), List.class))
                .containsExactly(".");
        assertThat(mapper.convertValue(worker.get("HostConfig").get("DnsOptions"), List.class))
                .isEmpty();
        assertThat(mapper.convertValue(worker.get("Env"), List.class))
                .noneMatch(entry -> entry.toString().contains(PROXY_NAME));
        // behind the proxy too, the worker fetches its secrets into its tmpfs instead of getting them from the engine
        assertThat(worker.get("HostConfig").get("Tmpfs").has("/run/viberglass")).isTrue();
        assertThat(worker.toString()).doesNotContain(API_KEY).doesNotContain(TOKEN);

        String proxyBody = create(PROXY_NAME).getBodyAsString();
        assertThat(proxyBody).doesNotContain(API_KEY).doesNotContain(TOKEN);
        JsonNode proxy = mapper.readTree(proxyBody);
        assertThat(proxy.get("Image").asText()).isEqualTo(IMAGE);
        assertThat(mapper.convertValue(proxy.get("Cmd"), List.class))
                .containsExactly(
                        "egress-proxy",
                        "--listen",
                        "0.0.0.0:3128",
                        "--allow",
                        "host.docker.internal:8080,github.com,api.github.com,registry.npmjs.org",
                        "--report-to-job");
        assertThat(proxy.get("HostConfig").get("NetworkMode").asText()).isEqualTo("bridge");
        // the proxy resolves the allowed hosts' names itself, with the Engine's usual DNS
        assertThat(proxy.get("HostConfig").get("Dns").isNull()).isTrue();
        assertThat(proxy.get("HostConfig").get("ExtraHosts").get(0).asText())
                .isEqualTo("host.docker.internal:host-gateway");
        assertThat(mapper.convertValue(proxy.get("Env"), List.class))
                .contains("JOB_ID=" + JOB_ID, "VIBERATOR_SECRET_BUNDLE_TOKEN=" + "p".repeat(64))
                .noneMatch(entry -> entry.toString().startsWith("ANTHROPIC_API_KEY"))
                .noneMatch(entry -> entry.toString().startsWith("CALLBACK_TOKEN"));
        JsonNode connect = mapper.readTree(engine.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().endsWith("/connect"))
                .findFirst()
                .orElseThrow()
                .getRequest()
                .getBodyAsString());
        assertThat(connect.get("Container").asText()).isEqualTo(PROXY);
    }

    @Test
    void theProxyFetchesItsCallbackTokenOnceLikeTheWorker_andTheEngineGetsNoValueAtAll() throws Exception {
        invoker.invoke(restricted());

        // the proxy's bundle holds the callback token only; the worker's the credentials too (SecretBundlesApiTest)
        assertThat(sealed)
                .containsExactlyInAnyOrder(SecretBundleSealer.Holder.WORKER, SecretBundleSealer.Holder.EGRESS_PROXY);
        assertThat(calls()).noneMatch(call -> call.endsWith("/archive"));
        assertThat(engine.getAllServeEvents())
                .allSatisfy(event -> assertThat(event.getRequest().getBodyAsString())
                        .doesNotContain(API_KEY)
                        .doesNotContain(TOKEN));
    }

    @Test
    void aProxyThatWillNotStartLeavesNoContainerNorNetworkBehind() {
        engine.stubFor(post(urlPathEqualTo(API + "/containers/" + PROXY + "/start"))
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"driver failed\"}")));

        assertThatThrownBy(() -> invoker.invoke(restricted()))
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                        .isTrue())
                .hasMessageContaining("egress proxy");
        assertThat(calls())
                .endsWith(
                        "POST " + API + "/containers/" + PROXY + "/start",
                        "DELETE " + API + "/containers/" + PROXY_NAME,
                        "DELETE " + API + "/networks/" + NETWORK);
        assertThat(calls()).containsOnlyOnce("POST " + API + "/containers/create"); // the proxy's; no worker
    }

    @Test
    void aProxyWithoutAnAddressOnTheInternalNetworkFailsTheRunBeforeAnyWorkerExists() {
        engine.stubFor(get(urlPathEqualTo(API + "/containers/" + PROXY + "/json"))
                .willReturn(okJson("{\"Id\":\"" + PROXY + "\",\"NetworkSettings\":{\"Networks\":"
                        + "{\"bridge\":{\"IPAddress\":\"172.17.0.5\"}}}}")));

        assertThatThrownBy(() -> invoker.invoke(restricted()))
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                        .isTrue())
                .hasMessageContaining("egress proxy of job " + JOB_ID)
                .hasMessageContaining("without an address on network " + NETWORK);
        assertThat(calls())
                .endsWith(
                        "GET " + API + "/containers/" + PROXY + "/json",
                        "DELETE " + API + "/containers/" + PROXY_NAME,
                        "DELETE " + API + "/networks/" + NETWORK);
        assertThat(calls()).containsOnlyOnce("POST " + API + "/containers/create");
    }

    @Test
    void aWorkerThatCannotBeCreatedTakesItsRunningProxyAndNetworkWithIt() {
        engine.stubFor(post(urlPathEqualTo(API + "/containers/create"))
                .withQueryParam("name", equalTo("viberator-job-" + JOB_ID))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\":\"bad tmpfs\"}")));

        assertThatThrownBy(() -> invoker.invoke(restricted()))
                .isInstanceOfSatisfying(InvocationException.class, e -> assertThat(e.isTransient())
                        .isFalse());
        assertThat(calls())
                .endsWith(
                        "POST " + API + "/containers/create",
                        "DELETE " + API + "/containers/" + PROXY_NAME,
                        "DELETE " + API + "/networks/" + NETWORK);
    }

    @Test
    void cancellingARestrictedRunStopsTheWorkerThenRemovesItsProxyAndNetwork() {
        invoker.cancel(DispatchFixtures.clanker(DeploymentStrategy.DOCKER, Map.of()), WORKER + "/egress/" + JOB_ID);

        assertThat(calls())
                .containsExactly(
                        "POST " + API + "/containers/" + WORKER + "/stop",
                        "DELETE " + API + "/containers/" + WORKER,
                        "DELETE " + API + "/containers/" + PROXY_NAME,
                        "DELETE " + API + "/networks/" + NETWORK);
    }

    @Test
    void theSweepRemovesTheProxiesAndNetworksOfWorkersThatEndedAndKeepsTheRest() {
        engine.stubFor(get(urlPathEqualTo(API + "/networks"))
                .willReturn(okJson("[" + network("viberator-egress-done", "viberator-job-done", "viberator-proxy-done")
                        + "," + network("viberator-egress-live", "viberator-job-live", "viberator-proxy-live")
                        + ","
                        + network(
                                "viberator-egress-new",
                                "viberator-job-new",
                                "viberator-proxy-new",
                                "2026-11-29T05:59:30.123456789Z")
                        + "]")));
        // a dispatch in progress: its proxy runs, its worker is not created yet
        engine.stubFor(get(urlPathEqualTo(API + "/containers/viberator-job-new/json"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"No such container\"}")));
        engine.stubFor(get(urlPathEqualTo(API + "/containers/viberator-job-done/json"))
                .willReturn(aResponse().withStatus(404).withBody("{\"message\":\"No such container\"}")));
        engine.stubFor(get(urlPathEqualTo(API + "/containers/viberator-job-live/json"))
                .willReturn(okJson("{\"Id\":\"live\",\"State\":{\"Status\":\"running\",\"Running\":true}}")));
        engine.stubFor(get(urlPathEqualTo(API + "/containers/" + WORKER + "/json"))
                .willReturn(okJson("{\"Id\":\"w\",\"State\":{\"Status\":\"running\",\"Running\":true}}")));
        engine.stubFor(delete(urlPathEqualTo(API + "/containers/viberator-proxy-done"))
                .willReturn(aResponse().withStatus(204)));
        engine.stubFor(delete(urlPathEqualTo(API + "/networks/viberator-egress-done"))
                .willReturn(aResponse().withStatus(204)));

        assertThat(invoker.ended(
                        DispatchFixtures.clanker(DeploymentStrategy.DOCKER, Map.of()),
                        List.of(WORKER + "/egress/" + JOB_ID)))
                .isEmpty();

        LoggedRequest list = engine.getAllServeEvents().stream()
                .map(event -> (LoggedRequest) event.getRequest())
                .filter(request -> request.getUrl().startsWith(API + "/networks?"))
                .findFirst()
                .orElseThrow();
        assertThat(list.queryParameter("filters").firstValue()).contains("io.viberglass.role=egress-proxy");
        assertThat(calls())
                .contains(
                        "DELETE " + API + "/containers/viberator-proxy-done",
                        "DELETE " + API + "/networks/viberator-egress-done",
                        "GET " + API + "/containers/" + WORKER + "/json")
                .doesNotContain(
                        "DELETE " + API + "/containers/viberator-proxy-live",
                        "DELETE " + API + "/networks/viberator-egress-live",
                        "DELETE " + API + "/containers/viberator-proxy-new",
                        "DELETE " + API + "/networks/viberator-egress-new");
    }

    static String network(String name, String worker, String proxy) {
        return network(name, worker, proxy, "2026-11-28T22:00:00.5Z");
    }

    /** A network as {@code GET /networks} lists it, {@code Created} in the Engine's nanosecond RFC 3339. */
    static String network(String name, String worker, String proxy, String created) {
        return "{\"Name\":\"" + name + "\",\"Id\":\"" + name + "-id\",\"Created\":\"" + created + "\","
                + "\"Labels\":{\"io.viberglass.role\":\"egress-proxy\",\"io.viberglass.worker\":\"" + worker
                + "\",\"io.viberglass.egress-proxy\":\"" + proxy + "\"}}";
    }
}
