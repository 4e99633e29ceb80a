package io.viberglass.platform.clankers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Starting Docker clankers over HTTP against WireMock speaking the Engine API: the start answers at once, the image
 * is pulled in the background with its steps recorded, failures surface their error, the availability check marks an
 * unavailable clanker failed and active again, and a provisioning left behind by a stopped replica is resumed.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ClankerProvisioningApiTest {
    static final String API = "/v1.43";
    static final WireMockServer ENGINE = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        ENGINE.start();
        ENGINE.stubFor(
                get(urlPathEqualTo(API + "/_ping")).willReturn(aResponse().withBody("OK")));
    }

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(ClankerProvisioningApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            ConfigOverride.config("dispatch.docker.host", () -> "tcp://127.0.0.1:" + ENGINE.port()),
            ConfigOverride.config("dispatch.docker.apiVersion", "1.43"),
            ConfigOverride.config("clankers.availabilityInterval", "200ms"),
            ConfigOverride.config("clankers.unavailableAfterFailures", "1"),
            ConfigOverride.config("clankers.workerImages.repository", "registry.test/vg"),
            ConfigOverride.config("clankers.workerImages.tag", "2"));

    private final Api api = Api.of(APP);

    @AfterAll
    static void stopEngine() {
        ENGINE.stop();
    }

    static String imagePath(String image) {
        // docker-java may percent-encode the reference's '/' and ':'
        String encoded = Pattern.quote(image).replace(":", "\\E(?::|%3A)\\Q").replace("/", "\\E(?:/|%2F)\\Q");
        return API + "/images/" + encoded + "/json";
    }

    static void imagePresent(String image) {
        ENGINE.stubFor(get(urlPathMatching(imagePath(image)))
                .willReturn(okJson("{\"Id\":\"sha256:feed\",\"Size\":123,\"Architecture\":\"amd64\"}")));
    }

    private String dockerClanker(String agent, Map<String, Object> config) {
        Map<String, Object> body = new HashMap<>(
                Map.of("name", "Docker " + UUID.randomUUID(), "agent", agent, "deploymentStrategy", "docker"));
        body.put("deploymentConfig", config);
        return api.post("/api/clankers", body).expect(201).json().get("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> api.get("/api/clankers/" + id).expect(200).json(),
                        clanker -> clanker.get("status").asText().equals(status));
    }

    @Test
    void startAnswersAtOnceAndPullsTheCatalogImageInTheBackground() {
        String image = "registry.test/vg/worker-gemini-cli:2";
        ENGINE.stubFor(get(urlPathMatching(imagePath(image)))
                .inScenario("pull")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(notFound().withBody("{\"message\":\"No such image\"}")));
        ENGINE.stubFor(post(urlPathEqualTo(API + "/images/create"))
                .withQueryParam(
                        "fromImage",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("registry.test/vg/worker-gemini-cli"))
                .inScenario("pull")
                .willSetStateTo("pulled")
                .willReturn(aResponse()
                        .withFixedDelay(1500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status\":\"Pulling from vg/worker-gemini-cli\",\"id\":\"2\"}\n"
                                + "{\"status\":\"Pull complete\",\"id\":\"a1b2c3\"}\n"
                                + "{\"status\":\"Status: Downloaded newer image for " + image + "\"}\n")));
        ENGINE.stubFor(get(urlPathMatching(imagePath(image)))
                .inScenario("pull")
                .whenScenarioStateIs("pulled")
                .willReturn(okJson("{\"Id\":\"sha256:beef\",\"Size\":123,\"Architecture\":\"amd64\"}")));
        String id = dockerClanker("gemini-cli", Map.of());

        Api.Reply started = api.post("/api/clankers/" + id + "/start", Map.of()).expect(202);
        assertThat(started.json().get("status").asText()).isEqualTo("deploying");
        assertThat(api.post("/api/clankers/" + id + "/start", Map.of())
                        .expect(409)
                        .json()
                        .get("code")
                        .asText())
                .isEqualTo("ALREADY_DEPLOYING");

        JsonNode active = awaitStatus(id, "active");
        assertThat(active.get("statusMessage").asText()).isEqualTo("Docker image ready: " + image);
        assertThat(active.at("/deploymentConfig/image").asText()).isEqualTo(image);
        assertThat(active.at("/provisioning/resources/imageId").asText()).isEqualTo("sha256:beef");
        assertThat(active.at("/provisioning/lastError").isTextual()).isFalse();
        assertThat(active.at("/provisioning/messages").findValuesAsText("message"))
                .containsSubsequence(
                        "Provisioning the docker runtime",
                        "Pulling image " + image,
                        "Layer a1b2c3: Pull complete",
                        "Docker image ready: " + image);
    }

    @Test
    void aFailedPullLeavesTheClankerFailedWithTheEnginesError() {
        String image = "registry.test/private/missing:1";
        ENGINE.stubFor(get(urlPathMatching(imagePath(image))).willReturn(notFound()));
        ENGINE.stubFor(post(urlPathEqualTo(API + "/images/create"))
                .withQueryParam(
                        "fromImage",
                        com.github.tomakehurst.wiremock.client.WireMock.equalTo("registry.test/private/missing"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"manifest for " + image + " not found: manifest unknown\"}")));
        String id = dockerClanker("codex", Map.of("image", image));

        api.post("/api/clankers/" + id + "/start", Map.of()).expect(202);

        JsonNode failed = awaitStatus(id, "failed");
        assertThat(failed.get("statusMessage").asText())
                .startsWith("Provisioning failed: ")
                .contains("manifest unknown");
        assertThat(failed.at("/provisioning/lastError").asText())
                .contains("Docker could not pull image " + image + " (HTTP 404)")
                .contains("manifest unknown");
    }

    @Test
    void pullPolicyNeverWithAMissingImageFailsWithoutPulling() {
        String image = "local/never-built:1";
        ENGINE.stubFor(get(urlPathMatching(imagePath(image))).willReturn(notFound()));
        String id = dockerClanker("opencode", Map.of("image", image, "pullPolicy", "never"));

        api.post("/api/clankers/" + id + "/start", Map.of()).expect(202);

        assertThat(awaitStatus(id, "failed").at("/provisioning/lastError").asText())
                .isEqualTo("Image " + image + " is not on the Docker engine and pullPolicy is never: build or load it "
                        + "there");
    }

    @Test
    void theAvailabilityCheckMarksAnUnavailableClankerFailedAndActiveAgain() {
        String image = "local/flaky:1";
        imagePresent(image);
        String id = dockerClanker("kimi-code", Map.of("image", image, "pullPolicy", "never"));
        api.post("/api/clankers/" + id + "/start", Map.of()).expect(202);
        awaitStatus(id, "active");

        ENGINE.stubFor(get(urlPathMatching(imagePath(image))).willReturn(notFound()));
        JsonNode unavailable = awaitStatus(id, "failed");
        assertThat(unavailable.get("statusMessage").asText())
                .isEqualTo("Unavailable: Image " + image + " is not on the engine (pullPolicy never)");
        assertThat(unavailable.at("/provisioning/healthy").asBoolean()).isFalse();
        JsonNode health = api.get("/api/clankers/" + id + "/health").expect(200).json();
        assertThat(health.get("healthy").asBoolean()).isFalse();
        assertThat(health.at("/checks/runtimeReachable").asBoolean()).isTrue();
        assertThat(health.at("/checks/resourceExists").asBoolean()).isFalse();

        imagePresent(image);
        JsonNode back = awaitStatus(id, "active");
        assertThat(back.get("statusMessage").asText()).isEqualTo("Available again: Docker image ready: " + image);
        assertThat(api.get("/api/clankers/" + id + "/health")
                        .expect(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("healthy");
    }

    @Test
    void aProvisioningLeftByAStoppedReplicaIsResumed() {
        String image = "local/resumed:1";
        imagePresent(image);
        String id = dockerClanker("mistral-vibe", Map.of("image", image));
        Jdbi jdbi = Jdbi.create(DB.dataSource());
        jdbi.useHandle(handle -> {
            handle.execute("update clankers set status = 'deploying' where id = ?::uuid", id);
            handle.execute(
                    "insert into clanker_provisioning (clanker_id, started_at, heartbeat_at) "
                            + "values (?::uuid, now() - interval '1 hour', now() - interval '1 hour')",
                    id);
        });

        JsonNode active = awaitStatus(id, "active");

        assertThat(active.at("/provisioning/messages").findValuesAsText("message"))
                .contains("Resumed: the platform instance provisioning it stopped", "Docker image ready: " + image);
    }

    @Test
    void aLocalClankerIsActiveAtOnceAndHealthy() {
        String id = api.post(
                        "/api/clankers", Map.of("name", "Local", "agent", "claude-code", "deploymentStrategy", "local"))
                .expect(201)
                .json()
                .get("id")
                .asText();
        assertThat(api.post("/api/clankers/" + id + "/start", Map.of())
                        .expect(200)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("active");
        JsonNode health = api.get("/api/clankers/" + id + "/health").expect(200).json();
        assertThat(health.get("healthy").asBoolean()).isTrue();
        assertThat(health.get("clankerStatus").asText()).isEqualTo("active");
    }
}
