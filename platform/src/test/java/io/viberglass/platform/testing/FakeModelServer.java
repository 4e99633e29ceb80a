package io.viberglass.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the Anthropic and OpenAI APIs speaking their real wire format: {@code POST /v1/messages} (JSON, or
 * server-sent events with {@code message_start} … {@code message_stop} when {@code "stream": true}),
 * {@code POST /v1/chat/completions} (chunks with a final usage chunk) and {@code POST /v1/responses}
 * ({@code response.completed} carrying usage), Gemini's {@code POST /v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent} (with {@code alt=sse}: events each carrying cumulative {@code usageMetadata}; without:
 * one JSON array of chunks), and the OpenAI-compatible {@code POST /chat/completions} of DashScope, Moonshot and Mistral
 * (whose base URLs end in {@code /v1}; Moonshot streams its usage inside the last chunk's choice). It records every request, can answer the next ones with a canned error
 * (a 429 with reset headers, say), and can hold a stream open after its first event until the test releases it, to
 * show that the proxy relays events as they come. A JDK server rather than WireMock, because WireMock cannot hold a
 * response half written.
 */
public final class FakeModelServer implements AutoCloseable {
    public static final String MODEL = "claude-fake-1";
    public static final String OPENAI_MODEL = "gpt-fake-1";
    public static final String GEMINI_MODEL = "gemini-fake-1";
    public static final String KIMI_MODEL = "kimi-fake-1";

    /** What arrived: path with query, headers (lower-case names) and the body. */
    public record Received(String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** A canned answer for the next request. */
    public record Canned(int status, Map<String, String> headers, String body) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Canned> canned = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch hold;

    public FakeModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The next request gets this answer instead of a model's. */
    public void answerNext(Canned answer) {
        canned.add(answer);
    }

    /** Streams stop after their first event until the returned latch is counted down. */
    public CountDownLatch holdStreams() {
        hold = new CountDownLatch(1);
        return hold;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        received.add(new Received(exchange.getRequestURI().toString(), headers, body));
        Canned answer = canned.poll();
        if (answer != null) {
            answer.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            send(exchange, answer.status(), "application/json", answer.body());
            return;
        }
        JsonNode request = body.isBlank() ? mapper.createObjectNode() : mapper.readTree(body);
        boolean stream = request.path("stream").asBoolean(false);
        String path = exchange.getRequestURI().getPath();
        if (path.matches("/v1beta/models/[^/]+:generateContent")) {
            send(exchange, 200, "application/json", geminiResponse());
            return;
        }
        if (path.matches("/v1beta/models/[^/]+:streamGenerateContent")) {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.contains("alt=sse")) {
                stream(exchange, geminiEvents());
            } else {
                send(exchange, 200, "application/json", "[" + String.join(",", geminiChunks()) + "]");
            }
            return;
        }
        if (path.endsWith("/chat/completions") && !path.equals("/v1/chat/completions")) {
            if (stream) {
                stream(exchange, path.startsWith("/kimi/") ? moonshotChunks() : chatChunks());
            } else {
                send(exchange, 200, "application/json", chatCompletion());
            }
            return;
        }
        switch (path) {
            case "/v1/messages" -> {
                if (stream) {
                    stream(exchange, anthropicEvents());
                } else {
                    send(exchange, 200, "application/json", anthropicMessage());
                }
            }
            case "/v1/chat/completions" -> {
                if (stream) {
                    stream(exchange, chatChunks());
                } else {
                    send(exchange, 200, "application/json", chatCompletion());
                }
            }
            case "/v1/responses" -> {
                if (stream) {
                    stream(exchange, responseEvents());
                } else {
                    send(exchange, 200, "application/json", response());
                }
            }
            default ->
                send(
                        exchange,
                        404,
                        "application/json",
                        "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"no route\"}}");
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("request-id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void stream(HttpExchange exchange, List<String> events) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("request-id", "req_fake");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < events.size(); i++) {
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                CountDownLatch latch = hold;
                if (i == 0 && latch != null && !latch.await(30, TimeUnit.SECONDS)) {
                    return; // the test never released the stream
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Anthropic: 25 input, 40 cache reads, 10 cache writes, 15 output tokens. */
    public static String anthropicMessage() {
        return "{\"id\":\"msg_fake\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"cache_creation_input_tokens\":10,"
                + "\"cache_read_input_tokens\":40,\"output_tokens\":15}}";
    }

    /** The same message as Anthropic streams it; the final output count (15) comes in {@code message_delta}. */
    public static List<String> anthropicEvents() {
        return List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":[],"
                        + "\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,"
                        + "\"cache_creation_input_tokens\":10,\"cache_read_input_tokens\":40,\"output_tokens\":1}}}\n\n",
                "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n",
                "event: ping\ndata: {\"type\": \"ping\"}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n\n",
                "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }

    /** OpenAI chat: 100 prompt tokens of which 30 cached, 20 completion tokens. */
    public static String chatCompletion() {
        return "{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + OPENAI_MODEL
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                + "\"total_tokens\":120,\"prompt_tokens_details\":{\"cached_tokens\":30}}}";
    }

    /** Chat chunks as sent with {@code stream_options.include_usage}: usage only in the last chunk. */
    public static List<String> chatChunks() {
        String head = "data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"" + OPENAI_MODEL + "\",";
        return List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                        + "\"finish_reason\":null}],\"usage\":null}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}],"
                        + "\"usage\":null}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}\n\n",
                head + "\"choices\":[],\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":20,"
                        + "\"total_tokens\":120,\"prompt_tokens_details\":{\"cached_tokens\":30}}}\n\n",
                "data: [DONE]\n\n");
    }

    /** OpenAI Responses: 200 input tokens of which 50 cached, 35 output tokens. */
    public static String response() {
        return "{\"id\":\"resp_fake\",\"object\":\"response\",\"status\":\"completed\",\"model\":\"" + OPENAI_MODEL
                + "\",\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\","
                + "\"text\":\"Hello\"}]}],\"usage\":{\"input_tokens\":200,\"input_tokens_details\":{\"cached_tokens\""
                + ":50},\"output_tokens\":35,\"output_tokens_details\":{\"reasoning_tokens\":5},\"total_tokens\":235}}";
    }

    public static List<String> responseEvents() {
        return List.of(
                "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_fake\","
                        + "\"status\":\"in_progress\",\"model\":\"" + OPENAI_MODEL + "\",\"usage\":null}}\n\n",
                "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\","
                        + "\"delta\":\"Hello\"}\n\n",
                "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":" + response()
                        + "}\n\n");
    }

    /** Gemini chunks: 120 prompt tokens of which 20 cached, 30 candidate and 10 thinking tokens, cumulative. */
    public static List<String> geminiChunks() {
        return List.of(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":120,\"cachedContentTokenCount\":20,"
                        + "\"candidatesTokenCount\":2,\"totalTokenCount\":122},\"modelVersion\":\"" + GEMINI_MODEL
                        + "\",\"responseId\":\"r1\"}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":120,"
                        + "\"cachedContentTokenCount\":20,\"candidatesTokenCount\":30,\"thoughtsTokenCount\":10,"
                        + "\"totalTokenCount\":160},\"modelVersion\":\"" + GEMINI_MODEL + "\",\"responseId\":\"r1\"}");
    }

    /** The same answer whole, as {@code generateContent} gives it. */
    public static String geminiResponse() {
        return geminiChunks().get(1);
    }

    /** Gemini's {@code alt=sse} stream: one {@code data:} line per chunk, no event names, no end marker. */
    public static List<String> geminiEvents() {
        return geminiChunks().stream()
                .map(chunk -> "data: " + chunk + "\r\n\r\n")
                .toList();
    }

    /** Moonshot's stream: 80 prompt tokens of which 16 cached, 12 completion tokens, in the last chunk's choice. */
    public static List<String> moonshotChunks() {
        String head = "data: {\"id\":\"chatcmpl-kimi\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"" + KIMI_MODEL + "\",";
        return List.of(
                head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"},"
                        + "\"finish_reason\":null}]}\n\n",
                head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"usage\":"
                        + "{\"prompt_tokens\":80,\"completion_tokens\":12,\"total_tokens\":92,\"cached_tokens\":16}}]}\n\n",
                "data: [DONE]\n\n");
    }
}
