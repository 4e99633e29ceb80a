package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mistral Vibe: {@code vibe --prompt <prompt> --output json --workdir <repo>}, installed as {@code vibe} or
 * {@code mistral-vibe}. Its output is pretty-printed chat messages.
 *
 * <p>Vibe reads no base-URL variable; its providers live in {@code $VIBE_HOME/config.toml}. With an endpoint (the
 * credential broker's proxy, a gateway) the harness writes a config in a scratch {@code VIBE_HOME} naming one
 * OpenAI-compatible provider ({@code backend = "generic"}: Vibe refuses its Mistral backend for a non-Mistral host) at
 * that endpoint, keyed by {@code MISTRAL_API_KEY}, and makes its model the active one. Without an endpoint the CLI's
 * own defaults stand.
 */
public final class MistralVibeHarness implements AgentHarness {

    @Override
    public AgentType type() {
        return AgentType.MISTRAL_VIBE;
    }

    @Override
    public String executable() {
        return "vibe";
    }

    @Override
    public List<String> alternativeExecutables() {
        return List.of("mistral-vibe");
    }

    @Override
    public List<String> apiKeyNames() {
        return List.of("MISTRAL_VIBE_API_KEY", "MISTRAL_API_KEY");
    }

    @Override
    public List<String> endpointNames() {
        return List.of("MISTRAL_VIBE_ENDPOINT");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        List<String> argv = List.of(
                executable.toString(),
                "--prompt",
                request.prompt(),
                "--output",
                "json",
                "--workdir",
                request.repoDir().toString());
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> env.put("MISTRAL_API_KEY", key.reveal()));
        Map<Path, String> files = new LinkedHashMap<>();
        request.endpointUrl().ifPresent(url -> {
            Path vibeHome = request.homeDir().resolve(".vibe-viberglass");
            env.put("VIBE_HOME", vibeHome.toString());
            files.put(
                    vibeHome.resolve("config.toml"),
                    config(url, request.modelName().orElse(DEFAULT_MODEL)));
        });
        return new AgentCommand(argv, env, request.workDir(), files);
    }

    static final String DEFAULT_MODEL = "mistral-vibe-cli-latest";

    /** Vibe's config: one provider at the endpoint, one model on it, that model active; telemetry and updates off. */
    static String config(String endpoint, String model) {
        return """
                active_model = "viberglass"
                enable_telemetry = false
                enable_update_checks = false
                enable_auto_update = false

                [[providers]]
                name = "viberglass"
                api_base = %s
                api_key_env_var = "MISTRAL_API_KEY"
                backend = "generic"

                [[models]]
                name = %s
                provider = "viberglass"
                alias = "viberglass"
                """
                .formatted(toml(endpoint), toml(model));
    }

    /** A TOML basic string. */
    private static String toml(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    @Override
    public OutputParser newParser() {
        return new VibeJsonParser();
    }

    /** Mistral Vibe ships its ACP server as a second executable of the same package. */
    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(new AcpMode("vibe-acp", List.of(), List.of(), List.of(".vibe/logs/session")));
    }
}
