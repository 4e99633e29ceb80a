package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.viberglass.common.job.AgentType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model API the proxy speaks for: its name in {@code /api/llm/{jobId}/{wire}/…}, the paths an agent may call there,
 * the credential names that may hold its key, how the key goes upstream and how an error reads, so an agent CLI shows
 * the proxy's refusals the way it shows its provider's own.
 *
 * <p>Qwen (DashScope), Kimi (Moonshot) and Mistral speak OpenAI Chat Completions, but each is its own provider here:
 * its own upstream, its own key names, and a base URL that already ends in {@code /v1}, so their agents call
 * {@code …/chat/completions} directly.
 */
public enum ModelProvider {
    ANTHROPIC(
            List.of("CLAUDE_CODE_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"),
            Pattern.compile("v1/messages(/count_tokens)?")),
    OPENAI(
            // OpenCode's own name first would not matter: a clanker holds one of them
            List.of("CODEX_API_KEY", "OPENAI_API_KEY", "OPENCODE_API_KEY"),
            Pattern.compile("v1/(chat/completions|responses)")),
    GEMINI(
            List.of("GEMINI_CLI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"),
            // the genai SDK's paths: {version}/models/{model}:{method}
            Pattern.compile("v1(beta|alpha)?/models/[A-Za-z0-9._-]{1,200}:"
                    + "(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)")),
    QWEN(List.of("QWEN_CODE_API_KEY", "QWEN_CLI_API_KEY"), Pattern.compile("chat/completions")),
    KIMI(List.of("KIMI_CODE_API_KEY", "KIMI_API_KEY", "MOONSHOT_API_KEY"), Pattern.compile("chat/completions")),
    MISTRAL(List.of("MISTRAL_VIBE_API_KEY", "MISTRAL_API_KEY"), Pattern.compile("chat/completions"));

    private final List<String> keyNames;
    private final Pattern paths;

    ModelProvider(List<String> keyNames, Pattern paths) {
        this.keyNames = keyNames;
        this.paths = paths;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Credential names that may hold this provider's key, in the order the worker's harness prefers them. */
    public List<String> keyNames() {
        return keyNames;
    }

    /** Whether an agent may call {@code path} (what follows {@code /api/llm/{jobId}/{wire}/}) through the proxy. */
    public boolean allows(String path) {
        return path != null && paths.matcher(path).matches();
    }

    /**
     * Whether a streamed answer on {@code path} carries its token usage only when the request asks for it
     * ({@code stream_options.include_usage}): OpenAI's and DashScope's Chat Completions. Mistral always sends it,
     * Moonshot puts it in the last chunk's choice, Anthropic, Gemini and OpenAI's Responses API always report it.
     */
    boolean streamsUsageOnlyWhenAsked(String path) {
        return switch (this) {
            case OPENAI -> "v1/chat/completions".equals(path);
            case QWEN -> "chat/completions".equals(path);
            default -> false;
        };
    }

    /** Whether a call on {@code path} is free, so an answer without usage is no spending the proxy missed. */
    boolean isFree(String path) {
        return path.endsWith("/count_tokens") || path.endsWith(":countTokens");
    }

    /** The provider an agent CLI talks to through the proxy. Every agent the worker runs has one. */
    public static ModelProvider of(AgentType agent) {
        return switch (agent) {
            case CLAUDE_CODE -> ANTHROPIC;
            case CODEX, OPENCODE -> OPENAI;
            case GEMINI_CLI -> GEMINI;
            case QWEN_CODE -> QWEN;
            case KIMI_CODE -> KIMI;
            case MISTRAL_VIBE -> MISTRAL;
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

    /** The header that carries the real key upstream: Anthropic's and Google's own, a bearer token elsewhere. */
    String keyHeader(String keyName) {
        return switch (this) {
            case ANTHROPIC -> "ANTHROPIC_AUTH_TOKEN".equals(keyName) ? "Authorization" : "x-api-key";
            case GEMINI -> "x-goog-api-key";
            default -> "Authorization";
        };
    }

    /**
     * An error body in the provider's own format: Anthropic {@code {"type":"error","error":{"type","message"}}},
     * Google {@code {"error":{"code","message","status"}}}, the OpenAI-compatible ones
     * {@code {"error":{"message","type","code"}}}.
     */
    public ObjectNode error(int status, String type, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (this == ANTHROPIC) {
            body.put("type", "error");
            ObjectNode error = body.putObject("error");
            error.put("type", type);
            error.put("message", message);
        } else if (this == GEMINI) {
            ObjectNode error = body.putObject("error");
            error.put("code", status);
            error.put("message", message);
            error.put("status", googleStatus(status));
        } else {
            ObjectNode error = body.putObject("error");
            error.put("message", message);
            error.put("type", type);
            error.put("code", code);
        }
        return body;
    }

    private static String googleStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
    }
}
