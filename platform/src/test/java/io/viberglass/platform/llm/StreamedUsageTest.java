package io.viberglass.platform.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.viberglass.platform.llm.BrokeredWorkers.REAL_OPENAI_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import io.dropwizard.testing.ConfigOverride;
import io.viberglass.platform.testing.Api;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model budget cannot be bypassed by streaming: OpenAI and DashScope send a streamed chat completion's usage only
 * when the request asks for it, so the proxy asks on the agent's behalf and keeps the extra usage chunk from an agent
 * that had not asked. The provider is WireMock speaking OpenAI's wire format, sending its stream in pieces that cut
 * lines apart; an answer that still carries no usage counts against budgets at the configured fallback cost.
 */
class StreamedUsageTest {
    static final String MODEL = "gpt-stream-1";
    static final String DASHSCOPE_KEY = "sk-dashscope-real-" + "d".repeat(20);

    @RegisterExtension
    static final BrokeredPlatform PLATFORM = BrokeredPlatform.forClass(
            StreamedUsageTest.class,
            // 70 input + 30 cached + 20 output tokens at $1,000 per million: $0.12 a request
            ConfigOverride.config("llm.prices." + MODEL + ".input", "1000"),
            ConfigOverride.config("llm.prices." + MODEL + ".output", "1000"),
            ConfigOverride.config("llm.unmeteredRequestCostUsd", "0.25"));

    static final WireMockServer PROVIDER = started();

    private final Api api = PLATFORM.api();
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterAll
    static void stop() {
        PROVIDER.stop();
    }

    @BeforeEach
    void provider() {
        PROVIDER.resetAll();
        for (String path : List.of("/v1/chat/completions", "/compatible-mode/v1/chat/completions")) {
            // the provider's stream with the usage chunk when asked for it, without it otherwise
            PROVIDER.stubFor(post(urlPathEqualTo(path))
                    .atPriority(1)
                    .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true")))
                    .willReturn(stream(String.join("", chunks(true)))));
            PROVIDER.stubFor(post(urlPathEqualTo(path))
                    .atPriority(2)
                    .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                    .willReturn(stream(String.join("", chunks(false)))));
            PROVIDER.stubFor(post(urlPathEqualTo(path))
                    .atPriority(3)
                    .willReturn(aResponse()
                            .withStatus(400)
                            .withHeader("content-type", "application/json")
                            .withBody("{\"error\":{\"message\":\"We could not parse the JSON body of your request.\","
                                    + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")));
        }
        // a gateway that drops usage whatever the request says
        PROVIDER.stubFor(post(urlPathEqualTo("/gateway/v1/chat/completions"))
                .willReturn(stream(String.join("", chunks(false)))));
    }

    @Test
    void aStreamThatDidNotAskForUsageIsMeteredAndTheAgentSeesTheStreamWithoutTheUsageChunk() throws Exception {
        Agent agent = codex("/v1");
        String asked = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"temperature\":0.2,\"seed\":9007199254740993,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi \\u00e9\"}]}";

        HttpResponse<String> answer = agent.chat(asked);

        assertThat(answer.statusCode()).isEqualTo(200);
        List<String> sent = chunks(true);
        assertThat(answer.body())
                .as("the provider's stream less its usage chunk, byte for byte")
                .isEqualTo(String.join("", sent.subList(0, 3)) + sent.get(4));
        Request forwarded = lastForwarded();
        JsonNode expected = mapper.readTree(asked);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected)
                .putObject("stream_options")
                .put("include_usage", true);
        assertThat(mapper.readTree(forwarded.getBodyAsString())).isEqualTo(expected);
        assertThat(forwarded.getBodyAsString()).contains("\"temperature\":0.2", "\"seed\":9007199254740993");
        assertThat(forwarded.getHeader("Content-Length")).isEqualTo(String.valueOf(forwarded.getBody().length));
        assertThat(forwarded.getHeader("Authorization")).isEqualTo("Bearer " + REAL_OPENAI_KEY);
        JsonNode usage = agent.usage();
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(70);
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(30);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(20);
        assertThat(usage.get("costUsd").decimalValue()).isEqualByComparingTo("0.12");
        assertThat(usage.get("unmeteredRequests").asLong()).isZero();
    }

    @Test
    void anAgentThatAskedForUsageGetsTheUsageChunkAndItsRequestGoesOnUnchanged() throws Exception {
        Agent agent = codex("/v1");
        String asked = "{\"model\":\"" + MODEL + "\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[]}";

        HttpResponse<String> answer = agent.chat(asked);

        assertThat(answer.body()).isEqualTo(String.join("", chunks(true)));
        assertThat(lastForwarded().getBodyAsString()).isEqualTo(asked);
        assertThat(agent.usage().get("outputTokens").asLong()).isEqualTo(20);
    }

    @Test
    void qwenCodesStreamOptionsKeepTheirOtherFieldsWhenTheProxyAsksDashScopeForUsage() throws Exception {
        String clanker = PLATFORM.workers()
                .clanker(
                        api,
                        "qwen-code",
                        "QWEN_CODE_API_KEY",
                        DASHSCOPE_KEY,
                        Map.of("endpoint", PROVIDER.baseUrl() + "/compatible-mode/v1"));
        Agent agent = Agent.on(clanker, "QWEN_CODE_API_KEY");

        HttpResponse<String> answer = agent.chat("{\"model\":\"" + MODEL + "\",\"stream\":true,"
                + "\"stream_options\":{\"include_obfuscation\":false,\"include_usage\":false},\"messages\":[]}");

        List<String> sent = chunks(true);
        assertThat(answer.body()).isEqualTo(String.join("", sent.subList(0, 3)) + sent.get(4));
        assertThat(mapper.readTree(lastForwarded().getBodyAsString()).get("stream_options"))
                .isEqualTo(mapper.readTree("{\"include_obfuscation\":false,\"include_usage\":true}"));
        assertThat(lastForwarded().getUrl()).isEqualTo("/compatible-mode/v1/chat/completions");
        assertThat(agent.usage().get("outputTokens").asLong()).isEqualTo(20);
    }

    @Test
    void aBodyThatIsNotJsonGoesOnUnchangedAndItsRefusalCostsNothing() throws Exception {
        Agent agent = codex("/v1");
        String garbled = "{\"stream\": true, \"messages\": [";

        HttpResponse<String> answer = agent.chat(garbled);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("could not parse the JSON body");
        assertThat(lastForwarded().getBodyAsString()).isEqualTo(garbled);
        JsonNode usage = agent.usage();
        assertThat(usage.get("requests").asLong()).isEqualTo(1);
        assertThat(usage.get("costUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(usage.get("unpricedRequests").asLong()).isZero();
        assertThat(usage.get("unmeteredRequests").asLong()).isZero();
    }

    @Test
    void aRunBudgetStopsARunThatStreamsWithoutAskingForUsage() throws Exception {
        Agent agent = codex("/v1");
        api.put(
                        "/api/clankers/" + agent.clanker() + "/cost-controls",
                        Map.of("modelBroker", true, "runBudgetUsd", 0.20))
                .expect(200);
        String streamed = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[]}";

        // $0.12 each: the second starts at $0.12, the third at $0.24, past the $0.20
        assertThat(agent.chat(streamed).statusCode()).isEqualTo(200);
        assertThat(agent.chat(streamed).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = agent.chat(streamed);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(mapper.readTree(refused.body()).at("/error/code").asText()).isEqualTo("budget_exceeded");
        assertThat(PROVIDER.getAllServeEvents()).hasSize(2);
        JsonNode job =
                api.get("/api/jobs/" + agent.worker().jobId()).expect(200).json();
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.at("/failure/code").asText()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(agent.usage().get("costUsd").decimalValue()).isEqualByComparingTo("0.24");
    }

    @Test
    void answersWithoutUsageCountAgainstTheBudgetAtTheFallbackCostAndAreAudited() throws Exception {
        Agent agent = codex("/gateway/v1");
        api.put(
                        "/api/clankers/" + agent.clanker() + "/cost-controls",
                        Map.of("modelBroker", true, "runBudgetUsd", 0.50))
                .expect(200);
        String streamed = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[]}";

        // counted at $0.25 each: the third starts at $0.50, the budget
        assertThat(agent.chat(streamed).body()).isEqualTo(String.join("", chunks(false)));
        assertThat(agent.chat(streamed).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = agent.chat(streamed);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(mapper.readTree(refused.body()).at("/error/message").asText())
                .contains("run budget of $0.50 is used up")
                .contains("counting 2 requests whose answer carried no usage at the fallback cost");
        JsonNode usage = agent.usage();
        assertThat(usage.get("requests").asLong()).isEqualTo(2);
        assertThat(usage.get("unmeteredRequests").asLong()).isEqualTo(2);
        assertThat(usage.get("unpricedRequests").asLong()).isZero();
        assertThat(usage.get("costUsd").decimalValue())
                .as("the fallback counts against budgets; it is not reported as spent")
                .isEqualByComparingTo("0");
        JsonNode audited = api.get("/api/admin/audit?action=budget.unmetered_request")
                .expect(200)
                .json()
                .get("events");
        assertThat(audited).hasSize(2);
        assertThat(audited.get(0).get("targetId").asText())
                .isEqualTo(agent.worker().jobId());
        assertThat(audited.get(0).get("details").asText()).contains("\"countedUsd\":\"0.25\"");
        JsonNode job =
                api.get("/api/jobs/" + agent.worker().jobId()).expect(200).json();
        assertThat(job.get("progress").findValuesAsText("step")).contains("unmetered-request");
    }

    @Test
    void anUnmeteredAnswerOfARunWithoutBudgetsIsCountedButNotAudited() throws Exception {
        Agent agent = codex("/gateway/v1");
        int audited = api.get("/api/admin/audit?action=budget.unmetered_request")
                .expect(200)
                .json()
                .get("events")
                .size();

        assertThat(agent.chat("{\"model\":\"" + MODEL + "\",\"stream\":true,\"messages\":[]}")
                        .statusCode())
                .isEqualTo(200);

        assertThat(agent.usage().get("unmeteredRequests").asLong()).isEqualTo(1);
        assertThat(api.get("/api/admin/audit?action=budget.unmetered_request")
                        .json()
                        .get("events"))
                .hasSize(audited);
    }

    /** An agent of a run on its own clanker, calling the model through the proxy. */
    private record Agent(String clanker, BrokeredWorkers.Worker worker, String keyName, String endpoint) {
        static Agent on(String clanker, String keyName) throws Exception {
            BrokeredWorkers.Worker worker = PLATFORM.run(clanker);
            return new Agent(clanker, worker, keyName, PLATFORM.endpoint(worker));
        }

        HttpResponse<String> chat(String body) throws Exception {
            String path = endpoint.endsWith("/openai") ? "/v1/chat/completions" : "/chat/completions";
            return PLATFORM.post(
                    endpoint + path,
                    Map.of("Authorization", "Bearer " + worker.credentials().get(keyName)),
                    body);
        }

        JsonNode usage() {
            return PLATFORM.api()
                    .get("/api/jobs/" + worker.jobId() + "/usage")
                    .expect(200)
                    .json();
        }
    }

    /** A Codex run whose clanker's endpoint is the fake provider under {@code base}. */
    private Agent codex(String base) throws Exception {
        String clanker = PLATFORM.workers()
                .clanker(
                        api, "codex", "OPENAI_API_KEY", REAL_OPENAI_KEY, Map.of("endpoint", PROVIDER.baseUrl() + base));
        return Agent.on(clanker, "OPENAI_API_KEY");
    }

    private static Request lastForwarded() {
        return PROVIDER.getAllServeEvents().get(0).getRequest(); // newest first
    }

    /**
     * OpenAI's chat stream: with {@code include_usage} every chunk carries {@code "usage": null} and a last chunk with
     * no choices carries the usage (100 prompt tokens of which 30 cached, 20 completion tokens); without it neither.
     */
    static List<String> chunks(boolean includeUsage) {
        String head = "data: {\"id\":\"chatcmpl-s\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"" + MODEL + "\",\"system_fingerprint\":\"fp_1\",";
        String usageNull = includeUsage ? ",\"usage\":null" : "";
        List<String> chunks = new java.util.ArrayList<>(List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}]" + usageNull + "}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,"
                        + "\"finish_reason\":null}]" + usageNull + "}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]"
                        + usageNull + "}\n\n"));
        if (includeUsage) {
            chunks.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                    + "\"total_tokens\":120,\"prompt_tokens_details\":{\"cached_tokens\":30,\"audio_tokens\":0},"
                    + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n");
        }
        chunks.add("data: [DONE]\n\n");
        return chunks;
    }

    /** An event stream sent in pieces that cut its lines (and its usage chunk) apart. */
    private static ResponseDefinitionBuilder stream(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("content-type", "text/event-stream; charset=utf-8")
                .withHeader("x-request-id", "req_stream")
                .withBody(body)
                .withChunkedDribbleDelay(11, 50);
    }

    private static WireMockServer started() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }
}
