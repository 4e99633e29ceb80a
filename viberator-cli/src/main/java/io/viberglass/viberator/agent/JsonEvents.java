package io.viberglass.viberator.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.TokenUsage;
import io.viberglass.common.json.Json;
import java.math.BigDecimal;
import java.util.Optional;

/** Small helpers the output parsers share: lenient JSON reading and short summaries of tool input and output. */
final class JsonEvents {
    static final ObjectMapper MAPPER = Json.newMapper();
    private static final int SUMMARY_LIMIT = 300;

    private JsonEvents() {}

    /** The line as a JSON object, or empty when it is not one (progress bars, banners, stack traces). */
    static Optional<JsonNode> object(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(trimmed);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : value.isMissingNode() || value.isNull() ? "" : value.toString();
    }

    /** A tool input as a short human line: the path or command when there is one, else compact JSON. */
    static String summarizeInput(JsonNode input) {
        for (String field : new String[] {"command", "file_path", "filePath", "path", "pattern", "query", "url"}) {
            JsonNode value = input.path(field);
            if (value.isTextual()) {
                return shorten(value.asText());
            }
            if (value.isArray() && field.equals("command")) {
                return shorten(String.join(" ", MAPPER.convertValue(value, String[].class)));
            }
        }
        return input.isMissingNode() || input.isNull() ? "" : shorten(input.toString());
    }

    /** Tool-result content, which is a string or a list of text blocks depending on the CLI. */
    static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return shorten(content.asText());
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode block : content) {
                if (block.isTextual()) {
                    text.append(block.asText());
                } else if (block.has("text")) {
                    text.append(block.path("text").asText());
                }
            }
            return shorten(text.toString());
        }
        return content.isMissingNode() || content.isNull() ? "" : shorten(content.toString());
    }

    static String shorten(String text) {
        String oneLine = text.replace('\n', ' ').strip();
        return oneLine.length() <= SUMMARY_LIMIT ? oneLine : oneLine.substring(0, SUMMARY_LIMIT) + "…";
    }

    static TokenUsage usage(long input, long output, long cached, JsonNode cost) {
        BigDecimal costUsd = cost != null && cost.isNumber() ? cost.decimalValue() : null;
        return new TokenUsage(Math.max(0, input), Math.max(0, output), Math.max(0, cached), costUsd);
    }
}
