package io.viberglass.platform.llm;

import static io.viberglass.platform.llm.BrokeredWorkers.REAL_ANTHROPIC_KEY;
import static io.viberglass.platform.llm.BrokeredWorkers.REAL_OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The credential broker and model proxy, with the platform dispatching to a worker that records what it was given and
 * the test playing its agent: the worker holds a proxy token, never the real key; requests through the proxy reach a
 * fake provider with the real key, streams are relayed as they come, and each request's usage is recorded and priced.
 */
class ModelProxyTest {
    @RegisterExtension
    static final BrokeredPlatform PLATFORM = BrokeredPlatform.forClass(ModelProxyTest.class);

    static final FakeModelServer MODEL = PLATFORM.model();
    static final BrokeredWorkers WORKERS = PLATFORM.workers();

    private final Api api = PLATFORM.api();
    private final String project = PLATFORM.project();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    @Nested
    class Anthropic {
        @Test
        void theWorkerGetsAProxyTokenAndTheProxyEndpointInsteadOfTheKey() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);

            assertThat(worker.credentials().get("ANTHROPIC_API_KEY")).startsWith("vgllm_");
            assertThat(worker.credentials().values()).noneMatch(value -> value.contains(REAL_ANTHROPIC_KEY));
            assertThat(worker.environment().values()).noneMatch(value -> value.contains(REAL_ANTHROPIC_KEY));
            JsonNode payload = BrokeredWorkers.bootstrap(api, worker);
            assertThat(payload.at("/agent/endpoint").asText())
                    .isEqualTo("http://127.0.0.1:" + PLATFORM.port() + "/api/llm/" + worker.jobId() + "/anthropic");
        }

        @Test
        void aStreamedMessageIsRelayedEventByEventWithTheRealKeyUpstreamAndItsUsageRecorded() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            String endpoint =
                    BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
            String token = worker.credentials().get("ANTHROPIC_API_KEY");
            CountDownLatch release = MODEL.holdStreams();

            // as Claude Code calls it: base URL + /v1/messages?beta=true, key in x-api-key
            HttpResponse<java.io.InputStream> response = http.send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/v1/messages?beta=true"))
                            .header("x-api-key", token)
                            .header("anthropic-version", "2023-06-01")
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + FakeModelServer.MODEL
                                    + "\",\"max_tokens\":100,\"stream\":true,"
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("data: {\"type\":\"message_start\"")) {
                        // the provider holds the rest back until the agent has seen the first event
                        release.countDown();
                    }
                }
            }
            assertThat(String.join("\n", lines) + "\n").isEqualTo(String.join("", FakeModelServer.anthropicEvents()));

            FakeModelServer.Received upstream =
                    MODEL.received().get(MODEL.received().size() - 1);
            assertThat(upstream.path()).isEqualTo("/v1/messages?beta=true");
            assertThat(upstream.header("x-api-key")).isEqualTo(REAL_ANTHROPIC_KEY);
            assertThat(upstream.header("anthropic-version")).isEqualTo("2023-06-01");
            assertThat(upstream.headers().toString()).doesNotContain(token);

            JsonNode usage = api.get("/api/jobs/" + worker.jobId() + "/usage")
                    .expect(200)
                    .json();
            assertThat(usage.get("requests").asLong()).isEqualTo(1);
            assertThat(usage.get("inputTokens").asLong()).isEqualTo(25);
            assertThat(usage.get("outputTokens").asLong()).isEqualTo(15);
            assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(40);
            assertThat(usage.get("cacheWriteTokens").asLong()).isEqualTo(10);
            // 25×3 + 15×15 + 40×0.3 + 10×3.75 = 349.5 USD per million tokens
            assertThat(usage.get("costUsd").decimalValue()).isEqualByComparingTo("0.0003495");
        }

        @Test
        void aJsonMessageIsRelayedWhole() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            String endpoint =
                    BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();

            HttpResponse<String> response = post(
                    endpoint + "/v1/messages",
                    Map.of("x-api-key", worker.credentials().get("ANTHROPIC_API_KEY")),
                    "{\"model\":\"" + FakeModelServer.MODEL + "\",\"max_tokens\":10,\"messages\":[]}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(FakeModelServer.anthropicMessage());
            assertThat(response.headers().firstValue("request-id")).hasValue("req_fake");
            assertThat(api.get("/api/jobs/" + worker.jobId() + "/usage")
                            .json()
                            .get("outputTokens")
                            .asLong())
                    .isEqualTo(15);
        }
    }

    @Nested
    class Unmetered {
        @Test
        void aTokenCountCarriesNoUsageAndCostsNothingWhileAJsonAnswerWithoutUsageIsUnmetered() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            String endpoint = PLATFORM.endpoint(worker);
            Map<String, String> key = Map.of("x-api-key", worker.credentials().get("ANTHROPIC_API_KEY"));
            MODEL.answerNext(new FakeModelServer.Canned(200, Map.of(), "{\"input_tokens\":2095}"));
            MODEL.answerNext(new FakeModelServer.Canned(
                    200, Map.of(), "{\"id\":\"msg_gw\",\"type\":\"message\",\"content\":[]}"));

            assertThat(post(endpoint + "/v1/messages/count_tokens", key, "{\"messages\":[]}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(post(endpoint + "/v1/messages", key, "{\"messages\":[]}").statusCode())
                    .isEqualTo(200);

            JsonNode usage = api.get("/api/jobs/" + worker.jobId() + "/usage")
                    .expect(200)
                    .json();
            assertThat(usage.get("requests").asLong()).isEqualTo(2);
            assertThat(usage.get("unmeteredRequests").asLong()).isEqualTo(1);
            assertThat(usage.get("unpricedRequests").asLong()).isZero();
            assertThat(usage.get("costUsd").decimalValue()).isEqualByComparingTo("0");
        }
    }

    @Nested
    class OpenAi {
        @Test
        void chatCompletionsStreamAndResponsesAreForwardedWithABearerKeyAndCounted() throws Exception {
            String clanker = WORKERS.clanker(api, "codex", "OPENAI_API_KEY", REAL_OPENAI_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            String endpoint =
                    BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
            assertThat(endpoint).endsWith("/api/llm/" + worker.jobId() + "/openai");
            Map<String, String> auth =
                    Map.of("Authorization", "Bearer " + worker.credentials().get("OPENAI_API_KEY"));

            HttpResponse<String> chat = post(
                    endpoint + "/v1/chat/completions",
                    auth,
                    "{\"model\":\"gpt-fake-1\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                            + "\"messages\":[]}");
            HttpResponse<String> responses =
                    post(endpoint + "/v1/responses", auth, "{\"model\":\"gpt-fake-1\",\"input\":\"Hi\"}");

            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(chat.body()).isEqualTo(String.join("", FakeModelServer.chatChunks()));
            assertThat(responses.body()).isEqualTo(FakeModelServer.response());
            List<FakeModelServer.Received> upstream = MODEL.received();
            assertThat(upstream.subList(upstream.size() - 2, upstream.size()))
                    .extracting(FakeModelServer.Received::path, received -> received.header("authorization"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("/v1/chat/completions", "Bearer " + REAL_OPENAI_KEY),
                            org.assertj.core.groups.Tuple.tuple("/v1/responses", "Bearer " + REAL_OPENAI_KEY));

            JsonNode usage = api.get("/api/jobs/" + worker.jobId() + "/usage")
                    .expect(200)
                    .json();
            // chat: 100 prompt (30 cached) + 20 out; responses: 200 input (50 cached) + 35 out
            assertThat(usage.get("requests").asLong()).isEqualTo(2);
            assertThat(usage.get("inputTokens").asLong()).isEqualTo(70 + 150);
            assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(30 + 50);
            assertThat(usage.get("outputTokens").asLong()).isEqualTo(20 + 35);
            assertThat(usage.get("unpricedRequests").asLong()).isEqualTo(2);
        }
    }

    @Nested
    class Refusals {
        @Test
        void aWrongOrMissingTokenIsRefusedInTheProvidersFormatAndNothingIsForwarded() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            String endpoint =
                    BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
            int before = MODEL.received().size();

            HttpResponse<String> wrong =
                    post(endpoint + "/v1/messages", Map.of("x-api-key", "vgllm_" + "0".repeat(64)), "{}");
            HttpResponse<String> missing = post(endpoint + "/v1/messages", Map.of(), "{}");
            HttpResponse<String> userSession =
                    post(endpoint + "/v1/messages", Map.of("Authorization", "Bearer " + REAL_ANTHROPIC_KEY), "{}");

            for (HttpResponse<String> refused : List.of(wrong, missing, userSession)) {
                assertThat(refused.statusCode()).isEqualTo(401);
                JsonNode error = mapper.readTree(refused.body());
                assertThat(error.get("type").asText()).isEqualTo("error");
                assertThat(error.at("/error/type").asText()).isEqualTo("authentication_error");
            }
            assertThat(MODEL.received()).hasSize(before);
        }

        @Test
        void theTokenStopsWorkingWhenItsJobEnds() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            String endpoint =
                    BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
            Map<String, String> key = Map.of("x-api-key", worker.credentials().get("ANTHROPIC_API_KEY"));
            String body = "{\"model\":\"" + FakeModelServer.MODEL + "\",\"max_tokens\":10,\"messages\":[]}";
            assertThat(post(endpoint + "/v1/messages", key, body).statusCode()).isEqualTo(200);

            api.post("/api/jobs/" + worker.jobId() + "/cancel", Map.of()).expect(200);

            HttpResponse<String> after = post(endpoint + "/v1/messages", key, body);
            assertThat(after.statusCode()).isEqualTo(401);
            assertThat(mapper.readTree(after.body()).at("/error/message").asText())
                    .contains("job has ended");
        }

        @Test
        void anOpenAiTokenCannotReachTheAnthropicEndpoint() throws Exception {
            String clanker = WORKERS.clanker(api, "codex", "OPENAI_API_KEY", REAL_OPENAI_KEY);
            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            BrokeredWorkers.bootstrap(api, worker);

            HttpResponse<String> refused = post(
                    api.base() + "/api/llm/" + worker.jobId() + "/anthropic/v1/messages",
                    Map.of("x-api-key", worker.credentials().get("OPENAI_API_KEY")),
                    "{}");

            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    @Nested
    class BrokerOff {
        @Test
        void theWorkerGetsTheRealKeyAndTheSettingCarriesAWarning() throws Exception {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            JsonNode defaults = api.get("/api/clankers/" + clanker + "/cost-controls")
                    .expect(200)
                    .json();
            assertThat(defaults.get("modelBroker").asBoolean()).isTrue();
            assertThat(defaults.get("brokered").asBoolean()).isTrue();
            assertThat(defaults.get("warnings")).isEmpty();

            JsonNode off = api.put("/api/clankers/" + clanker + "/cost-controls", Map.of("modelBroker", false))
                    .expect(200)
                    .json();
            assertThat(off.get("brokered").asBoolean()).isFalse();
            assertThat(off.get("warnings").get(0).asText()).contains("real model key is passed to the worker");

            BrokeredWorkers.Worker worker = WORKERS.run(api, project, clanker);
            assertThat(worker.credentials().get("ANTHROPIC_API_KEY")).isEqualTo(REAL_ANTHROPIC_KEY);
            JsonNode endpoint = BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint");
            assertThat(endpoint.isNull() || endpoint.isMissingNode())
                    .as("%s", endpoint)
                    .isTrue();
        }

        @Test
        void costControlsAreValidated() {
            String clanker = WORKERS.clanker(api, "claude-code", "ANTHROPIC_API_KEY", REAL_ANTHROPIC_KEY);
            JsonNode error = api.put(
                            "/api/clankers/" + clanker + "/cost-controls",
                            Map.of("modelBroker", true, "runBudgetUsd", -1))
                    .expect(400)
                    .json();
            assertThat(error.toString()).contains("runBudgetUsd");
            api.put("/api/clankers/" + clanker + "/cost-controls", Map.of()).expect(400);
        }
    }

    private HttpResponse<String> post(String url, Map<String, String> headers, String body) throws Exception {
        return PLATFORM.post(url, headers, body);
    }
}
