package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads token usage out of a model response while it passes through, without holding a stream back: JSON bodies
 * (Anthropic Messages, OpenAI Chat Completions and Responses, Gemini {@code generateContent}, and the JSON array
 * Gemini's {@code streamGenerateContent} answers without {@code alt=sse}) and server-sent events, whose usage arrives
 * in Anthropic's {@code message_start} / {@code message_delta}, OpenAI's final chat chunk (Moonshot puts it in the
 * chunk's choice), the Responses API's {@code response.completed} and each Gemini chunk's {@code usageMetadata}. Usage
 * fields seen later replace earlier ones (Anthropic's delta counts and Gemini's chunk counts are cumulative).
 */
public final class UsageMeter {
    private static final int MAX_JSON_BYTES = 16 * 1024 * 1024;
    private static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final ObjectMapper mapper;
    private final boolean eventStream;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean overflow;
    private String model;
    private long input;
    private long output;
    private long cachedInput;
    private long cacheWrite;
    private boolean sawUsage;

    public UsageMeter(ObjectMapper mapper, String contentType) {
        this.mapper = mapper;
        this.eventStream = contentType != null && contentType.toLowerCase().startsWith("text/event-stream");
    }

    public boolean isEventStream() {
        return eventStream;
    }

    /** Feeds bytes as they are forwarded. */
    public void accept(byte[] bytes, int offset, int length) {
        if (!eventStream) {
            if (buffer.size() + length > MAX_JSON_BYTES) {
                overflow = true;
                return;
            }
            buffer.write(bytes, offset, length);
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\n') {
                line(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
                overflow = false;
            } else if (!overflow) {
                if (buffer.size() >= MAX_LINE_BYTES) {
                    overflow = true; // a line this long carries content, not usage; skip the rest of it
                    buffer.reset();
                } else {
                    buffer.write(bytes[i]);
                }
            }
        }
    }

    /** Call once the body ended. */
    public void finish() {
        if (eventStream) {
            if (buffer.size() > 0) {
                line(buffer.toString(StandardCharsets.UTF_8));
            }
        } else if (!overflow && buffer.size() > 0) {
            read(buffer.toByteArray());
        }
        buffer.reset();
    }

    public String model() {
        return model;
    }

    public boolean sawUsage() {
        return sawUsage;
    }

    public TokenCounts counts() {
        return new TokenCounts(input, output, cachedInput, cacheWrite);
    }

    private void line(String line) {
        String trimmed = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (!trimmed.startsWith("data:")) {
            return;
        }
        String data = trimmed.substring(5).trim();
        if (data.startsWith("{")) {
            read(data.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void read(byte[] json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            return; // not JSON (an HTML error page from a gateway): nothing to count
        }
        if (node != null && node.isArray()) {
            node.forEach(this::read); // Gemini's streamGenerateContent without alt=sse: one array of chunks
            return;
        }
        read(node);
    }

    private void read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        if (node.path("usageMetadata").isObject()) {
            gemini(node);
            return;
        }
        String type = node.path("type").asText("");
        JsonNode carrier =
                switch (type) {
                    case "message_start" -> node.path("message");
                    case "response.completed", "response.incomplete", "response.failed", "response.created" ->
                        node.path("response");
                    default -> node;
                };
        if (carrier.path("model").isTextual()) {
            model = carrier.path("model").asText();
        }
        JsonNode usage = carrier.path("usage");
        if (!usage.isObject()) {
            // Moonshot (Kimi) streams its usage inside the last chunk's choice
            usage = carrier.path("choices").path(0).path("usage");
        }
        if (usage.isObject()) {
            usage(usage);
        }
    }

    /** Gemini: the prompt count includes cached tokens; thinking tokens are billed as output. */
    private void gemini(JsonNode node) {
        if (node.path("modelVersion").isTextual()) {
            model = node.path("modelVersion").asText();
        }
        JsonNode usage = node.path("usageMetadata");
        sawUsage = true;
        long cached = usage.path("cachedContentTokenCount").asLong(0);
        long prompt = usage.path("promptTokenCount").asLong(0)
                + usage.path("toolUsePromptTokenCount").asLong(0);
        cachedInput = cached;
        input = Math.max(0, prompt - cached);
        output = usage.path("candidatesTokenCount").asLong(0)
                + usage.path("thoughtsTokenCount").asLong(0);
    }

    private void usage(JsonNode usage) {
        sawUsage = true;
        if (usage.has("prompt_tokens")) { // OpenAI Chat Completions: prompt tokens include the cached ones
            // Moonshot reports cached tokens at the top of usage, OpenAI and DashScope in prompt_tokens_details
            long cached = usage.path("prompt_tokens_details")
                    .path("cached_tokens")
                    .asLong(usage.path("cached_tokens").asLong(0));
            cachedInput = cached;
            input = Math.max(0, usage.path("prompt_tokens").asLong(0) - cached);
            output = usage.path("completion_tokens").asLong(output);
            return;
        }
        if (usage.has("input_tokens_details")) { // OpenAI Responses: input tokens include the cached ones
            long cached =
                    usage.path("input_tokens_details").path("cached_tokens").asLong(0);
            cachedInput = cached;
            input = Math.max(0, usage.path("input_tokens").asLong(0) - cached);
            output = usage.path("output_tokens").asLong(output);
            return;
        }
        // Anthropic: input tokens exclude cache reads and writes; a delta repeats only what it knows
        input = usage.path("input_tokens").isNumber()
                ? usage.path("input_tokens").asLong()
                : input;
        output = usage.path("output_tokens").isNumber()
                ? usage.path("output_tokens").asLong()
                : output;
        cachedInput = usage.path("cache_read_input_tokens").isNumber()
                ? usage.path("cache_read_input_tokens").asLong()
                : cachedInput;
        cacheWrite = usage.path("cache_creation_input_tokens").isNumber()
                ? usage.path("cache_creation_input_tokens").asLong()
                : cacheWrite;
    }
}
