package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.viberglass.common.job.AgentType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A model API wire format the proxy speaks: how the real key is presented upstream, which credential names may hold
 * it, and how an error reads, so an agent CLI shows the proxy's refusals the way it shows its provider's own.
 */
public enum ModelProvider {
    ANTHROPIC(List.of("CLAUDE_CODE_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN")),
    OPENAI(List.of("CODEX_API_KEY", "OPENAI_API_KEY"));

    private final List<String> keyNames;

    ModelProvider(List<String> keyNames) {
        this.keyNames = keyNames;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Credential names that may hold this provider's key, in the order the worker's harness prefers them. */
    public List<String> keyNames() {
        return keyNames;
    }

    /** The provider an agent CLI talks to; agents whose wire format the proxy does not speak have none. */
    public static Optional<ModelProvider> of(AgentType agent) {
        return switch (agent) {
            case CLAUDE_CODE -> Optional.of(ANTHROPIC);
            case CODEX -> Optional.of(OPENAI);
            default -> Optional.empty();
        };
    }

    public static Optional<ModelProvider> fromWire(String wire) {
        for (ModelProvider provider : values()) {
            if (provider.wire().equals(wire)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    /**
     * An error body in the provider's own format: Anthropic {@code {"type":"error","error":{"type","message"}}},
     * OpenAI {@code {"error":{"message","type","code"}}}.
     */
    public ObjectNode error(String type, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (this == ANTHROPIC) {
            body.put("type", "error");
            ObjectNode error = body.putObject("error");
            error.put("type", type);
            error.put("message", message);
        } else {
            ObjectNode error = body.putObject("error");
            error.put("message", message);
            error.put("type", type);
            error.put("code", code);
        }
        return body;
    }
}
