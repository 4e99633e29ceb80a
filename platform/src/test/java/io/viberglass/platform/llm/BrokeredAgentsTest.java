package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy speaking for the agents beyond Claude Code and Codex, each in its provider's wire format: Gemini CLI
 * ({@code streamGenerateContent} with the key in {@code x-goog-api-key}), Qwen Code, Kimi Code and Mistral Vibe (OpenAI
 * chat completions against DashScope, Moonshot and Mistral). The test plays each worker with what it was given.
 */
class BrokeredAgentsTest {
    @RegisterExtension
    static final BrokeredPlatform PLATFORM = BrokeredPlatform.forClass(BrokeredAgentsTest.class);

    static final String REAL_GEMINI_KEY = "AIza-real-" + "g".repeat(24);
    static final String REAL_DASHSCOPE_KEY = "sk-dashscope-real-" + "q".repeat(20);
    static final String REAL_MOONSHOT_KEY = "sk-kimi-real-" + "k".repeat(24);
    static final String REAL_MISTRAL_KEY = "mistral-real-" + "m".repeat(24);
    static final FakeModelServer MODEL = PLATFORM.model();
    static final BrokeredWorkers WORKERS = PLATFORM.workers();

    private final Api api = PLATFORM.api();
    private final String project = PLATFORM.project();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void geminiStreamsThroughTheProxyWithTheRealKeyInGooglesHeaderAndItsUsageRecorded() throws Exception {
        BrokeredWorkers.Worker worker =
                WORKERS.run(api, project, WORKERS.clanker(api, "gemini-cli", "GEMINI_API_KEY", REAL_GEMINI_KEY));
        String token = worker.credentials().get("GEMINI_API_KEY");
        assertThat(token).startsWith("vgllm_");
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
        assertThat(endpoint).endsWith("/api/llm/" + worker.jobId() + "/gemini");

        // as Google's genai SDK calls it from GOOGLE_GEMINI_BASE_URL
        HttpResponse<String> response = post(
                endpoint + "/v1beta/models/" + FakeModelServer.GEMINI_MODEL + ":streamGenerateContent?alt=sse",
                "x-goog-api-key",
                token,
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body()).isEqualTo(String.join("", FakeModelServer.geminiEvents()));
        FakeModelServer.Received upstream = last();
        assertThat(upstream.path())
                .isEqualTo("/v1beta/models/" + FakeModelServer.GEMINI_MODEL + ":streamGenerateContent?alt=sse");
        assertThat(upstream.header("x-goog-api-key")).isEqualTo(REAL_GEMINI_KEY);
        assertThat(upstream.headers().toString()).doesNotContain(token);
        JsonNode usage = usage(worker);
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(100);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(40);
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(20);
    }

    @Test
    void anOlderGoogleClientsKeyQueryParameterAuthenticatesAndStaysAtTheProxy() throws Exception {
        BrokeredWorkers.Worker worker =
                WORKERS.run(api, project, WORKERS.clanker(api, "gemini-cli", "GEMINI_API_KEY", REAL_GEMINI_KEY));
        String token = worker.credentials().get("GEMINI_API_KEY");
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();

        HttpResponse<String> response = post(
                endpoint + "/v1beta/models/" + FakeModelServer.GEMINI_MODEL + ":generateContent?key=" + token,
                "x-unused",
                "-",
                "{\"contents\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(last().path()).isEqualTo("/v1beta/models/" + FakeModelServer.GEMINI_MODEL + ":generateContent");
        assertThat(last().header("x-goog-api-key")).isEqualTo(REAL_GEMINI_KEY);
        assertThat(usage(worker).get("outputTokens").asLong()).isEqualTo(40);
    }

    @Test
    void refusalsToAGeminiAgentAreInGooglesErrorFormat() throws Exception {
        BrokeredWorkers.Worker worker =
                WORKERS.run(api, project, WORKERS.clanker(api, "gemini-cli", "GEMINI_API_KEY", REAL_GEMINI_KEY));
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();

        HttpResponse<String> wrongToken =
                post(endpoint + "/v1beta/models/m:generateContent", "x-goog-api-key", "vgllm_wrong", "{}");
        HttpResponse<String> unknownMethod = post(
                endpoint + "/v1beta/models/m:deleteEverything",
                "x-goog-api-key",
                worker.credentials().get("GEMINI_API_KEY"),
                "{}");

        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(mapper.readTree(wrongToken.body()).at("/error/status").asText())
                .isEqualTo("UNAUTHENTICATED");
        assertThat(mapper.readTree(wrongToken.body()).at("/error/code").asInt()).isEqualTo(401);
        assertThat(unknownMethod.statusCode()).isEqualTo(404);
        assertThat(mapper.readTree(unknownMethod.body()).at("/error/status").asText())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void qwenCodesChatCompletionsGoToDashScopeWithABearerKey() throws Exception {
        BrokeredWorkers.Worker worker =
                WORKERS.run(api, project, WORKERS.clanker(api, "qwen-code", "QWEN_CODE_API_KEY", REAL_DASHSCOPE_KEY));
        String token = worker.credentials().get("QWEN_CODE_API_KEY");
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();
        assertThat(endpoint).endsWith("/qwen");

        // OPENAI_BASE_URL=<endpoint>: the openai SDK appends /chat/completions
        HttpResponse<String> response = post(
                endpoint + "/chat/completions",
                "Authorization",
                "Bearer " + token,
                "{\"model\":\"qwen3-coder-plus\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(String.join("", FakeModelServer.chatChunks()));
        assertThat(last().path()).isEqualTo("/compatible-mode/v1/chat/completions");
        assertThat(last().header("authorization")).isEqualTo("Bearer " + REAL_DASHSCOPE_KEY);
        JsonNode usage = usage(worker);
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(70);
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(30);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(20);
    }

    @Test
    void kimiCodesStreamCountsTheUsageMoonshotPutsInTheLastChoice() throws Exception {
        BrokeredWorkers.Worker worker =
                WORKERS.run(api, project, WORKERS.clanker(api, "kimi-code", "KIMI_API_KEY", REAL_MOONSHOT_KEY));
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();

        HttpResponse<String> response = post(
                endpoint + "/chat/completions",
                "Authorization",
                "Bearer " + worker.credentials().get("KIMI_API_KEY"),
                "{\"model\":\"kimi-for-coding\",\"stream\":true,\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(last().path()).isEqualTo("/kimi/v1/chat/completions");
        assertThat(last().header("authorization")).isEqualTo("Bearer " + REAL_MOONSHOT_KEY);
        JsonNode usage = usage(worker);
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(64);
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(16);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(12);
    }

    @Test
    void mistralVibesChatCompletionsGoToMistral() throws Exception {
        BrokeredWorkers.Worker worker =
                WORKERS.run(api, project, WORKERS.clanker(api, "mistral-vibe", "MISTRAL_API_KEY", REAL_MISTRAL_KEY));
        String endpoint =
                BrokeredWorkers.bootstrap(api, worker).at("/agent/endpoint").asText();

        HttpResponse<String> response = post(
                endpoint + "/chat/completions",
                "Authorization",
                "Bearer " + worker.credentials().get("MISTRAL_API_KEY"),
                "{\"model\":\"devstral-2\",\"messages\":[]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(last().path()).isEqualTo("/mistral/v1/chat/completions");
        assertThat(last().header("authorization")).isEqualTo("Bearer " + REAL_MISTRAL_KEY);
        assertThat(usage(worker).get("outputTokens").asLong()).isEqualTo(20);
    }

    @Test
    void everyAgentsClankerIsBrokeredByDefault() {
        for (String agent : new String[] {"gemini-cli", "qwen-code", "opencode", "kimi-code", "mistral-vibe"}) {
            String clanker = WORKERS.clanker(api, agent, "UNUSED_KEY_" + agent.replace('-', '_'), "x");
            JsonNode controls = api.get("/api/clankers/" + clanker + "/cost-controls")
                    .expect(200)
                    .json();
            assertThat(controls.get("brokered").asBoolean()).as(agent).isTrue();
            assertThat(controls.get("warnings")).as(agent).isEmpty();
        }
    }

    private HttpResponse<String> post(String url, String header, String value, String body) throws Exception {
        return PLATFORM.post(url, java.util.Map.of(header, value), body);
    }

    private static FakeModelServer.Received last() {
        return MODEL.received().get(MODEL.received().size() - 1);
    }

    private JsonNode usage(BrokeredWorkers.Worker worker) {
        return api.get("/api/jobs/" + worker.jobId() + "/usage").expect(200).json();
    }
}
