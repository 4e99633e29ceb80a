package io.viberglass.platform.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Asks for the usage a streamed Chat Completions answer otherwise leaves out. OpenAI and DashScope send a stream's
 * token usage only when the request says {@code "stream_options": {"include_usage": true}}; an agent that streams
 * without it would spend tokens no budget sees. So the proxy sets it on the forwarded body, keeping every other field,
 * and, when the agent had not asked for usage itself, the answer's extra usage chunk is read by the meter but not
 * relayed ({@link UsageChunkFilter}), so the agent sees the stream it asked for.
 */
final class StreamUsageOptIn {
    /** The body to forward, and whether the answer's usage chunk is the proxy's to keep from the agent. */
    record Forwarded(byte[] body, boolean hideUsageChunk) {
        static Forwarded unchanged(byte[] body) {
            return new Forwarded(body, false);
        }
    }

    // numbers are kept as written (no double rounding of a temperature or a seed beyond 2^53)
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    Forwarded rewrite(ModelProvider provider, String path, byte[] body) {
        if (!provider.streamsUsageOnlyWhenAsked(path) || body.length == 0) {
            return Forwarded.unchanged(body);
        }
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (IOException e) {
            return Forwarded.unchanged(body); // not JSON: the provider answers it with an error, which costs nothing
        }
        if (!(request instanceof ObjectNode object)
                || !object.path("stream").isBoolean()
                || !object.path("stream").booleanValue()) {
            return Forwarded.unchanged(body);
        }
        JsonNode options = object.get("stream_options");
        if (options != null && !options.isNull() && !options.isObject()) {
            return Forwarded.unchanged(body); // malformed: the provider refuses it, and a refusal costs nothing
        }
        boolean asked = options != null
                && options.path("include_usage").isBoolean()
                && options.path("include_usage").booleanValue();
        if (asked) {
            return Forwarded.unchanged(body);
        }
        ObjectNode streamOptions =
                options instanceof ObjectNode existing ? existing : object.putObject("stream_options");
        streamOptions.put("include_usage", true);
        try {
            return new Forwarded(mapper.writeValueAsBytes(object), true);
        } catch (JsonProcessingException e) {
            return Forwarded.unchanged(body);
        }
    }
}
