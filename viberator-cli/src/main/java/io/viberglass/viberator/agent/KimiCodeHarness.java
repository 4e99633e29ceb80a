package io.viberglass.viberator.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kimi Code: {@code kimi --print --prompt <prompt> --output-format stream-json --config <inline JSON> --work-dir
 * <repo>}. The inline config names the provider and model; the key stays in the environment ({@code KIMI_API_KEY}),
 * never on the command line where {@code ps} would show it.
 */
public final class KimiCodeHarness implements AgentHarness {
    static final String DEFAULT_MODEL = "kimi-for-coding";
    static final String DEFAULT_ENDPOINT = "https://api.kimi.com/coding/v1";

    @Override
    public AgentType type() {
        return AgentType.KIMI_CODE;
    }

    @Override
    public String executable() {
        return "kimi";
    }

    @Override
    public List<String> apiKeyNames() {
        return List.of("KIMI_CODE_API_KEY", "KIMI_API_KEY", "MOONSHOT_API_KEY");
    }

    @Override
    public List<String> endpointNames() {
        return List.of("KIMI_CODE_ENDPOINT", "KIMI_BASE_URL", "MOONSHOT_BASE_URL");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        String model = request.modelName().orElse(DEFAULT_MODEL);
        String endpoint = request.endpointUrl().orElse(DEFAULT_ENDPOINT);
        List<String> argv = List.of(
                executable.toString(),
                "--print",
                "--prompt",
                request.prompt(),
                "--output-format",
                "stream-json",
                "--config",
                inlineConfig(model, endpoint),
                "--work-dir",
                request.repoDir().toString());
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> {
            env.put("KIMI_API_KEY", key.reveal());
            env.put("OPENAI_API_KEY", key.reveal());
        });
        env.put("KIMI_BASE_URL", endpoint);
        env.put("KIMI_MODEL_NAME", model);
        return new AgentCommand(argv, env, request.repoDir(), Map.of());
    }

    static String inlineConfig(String model, String endpoint) {
        Map<String, Object> config = Map.of(
                "default_model",
                "viberglass",
                "providers",
                Map.of("viberglass", Map.of("type", "kimi", "base_url", endpoint, "api_key", "from-env")),
                "models",
                Map.of("viberglass", Map.of("provider", "viberglass", "model", model, "max_context_size", 262144)));
        try {
            return JsonEvents.MAPPER
                    .writer()
                    .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write Kimi config", e);
        }
    }

    @Override
    public OutputParser newParser() {
        return new StreamJsonParser();
    }

    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(new AcpMode("kimi", List.of(), List.of("acp"), List.of(".kimi")));
    }
}
