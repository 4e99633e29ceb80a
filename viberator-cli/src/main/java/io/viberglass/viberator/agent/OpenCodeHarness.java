package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenCode: {@code opencode run --format json [--model m] <prompt>}. An {@code opencode.json} instruction file
 * configures the CLI (providers, models), so it goes to the scratch home's config directory, not into the repository.
 *
 * <p>An endpoint (the credential broker's proxy, a gateway) becomes the OpenAI provider's {@code baseURL} in
 * {@code OPENCODE_CONFIG_CONTENT}, the inline config OpenCode merges over every file: its OpenAI provider then calls
 * {@code <endpoint>/v1/responses} with the key from {@code OPENAI_API_KEY}.
 */
public final class OpenCodeHarness implements AgentHarness {
    static final String CONFIG_FILE = "opencode.json";

    @Override
    public AgentType type() {
        return AgentType.OPENCODE;
    }

    @Override
    public String executable() {
        return "opencode";
    }

    @Override
    public List<String> apiKeyNames() {
        return List.of("OPENCODE_API_KEY", "OPENAI_API_KEY");
    }

    @Override
    public List<String> endpointNames() {
        return List.of("OPENCODE_ENDPOINT", "OPENCODE_BASE_URL");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "run", "--format", "json"));
        request.modelName().ifPresent(model -> argv.addAll(List.of("--model", model)));
        argv.add(request.prompt());
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> {
            env.put("OPENCODE_API_KEY", key.reveal());
            env.put("OPENAI_API_KEY", key.reveal());
        });
        request.endpointUrl().ifPresent(url -> {
            env.put("OPENCODE_BASE_URL", url);
            env.put("OPENAI_BASE_URL", url);
            env.put("OPENCODE_CONFIG_CONTENT", inlineConfig(url));
        });
        env.put("OPENCODE_CONFIG_DIR", configDir(request.homeDir()).toString());
        env.put("OPENCODE_DISABLE_AUTOUPDATE", "true");
        return new AgentCommand(argv, env, request.repoDir(), Map.of());
    }

    /** The OpenAI provider pointed at {@code endpoint} (with {@code /v1}, as the provider's own base URL has it). */
    static String inlineConfig(String endpoint) {
        String trimmed = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        String base = trimmed.endsWith("/v1") ? trimmed : trimmed + "/v1";
        try {
            return JsonEvents.MAPPER.writeValueAsString(
                    Map.of("provider", Map.of("openai", Map.of("options", Map.of("baseURL", base)))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write OpenCode config", e);
        }
    }

    @Override
    public OutputParser newParser() {
        return new OpenCodeJsonParser();
    }

    @Override
    public Optional<Path> configFileTarget(String instructionPath, Path homeDir) {
        if (instructionPath.equals(CONFIG_FILE) || instructionPath.endsWith("/" + CONFIG_FILE)) {
            return Optional.of(configDir(homeDir).resolve(CONFIG_FILE));
        }
        return Optional.empty();
    }

    private static Path configDir(Path homeDir) {
        return homeDir.resolve(".config").resolve("opencode");
    }

    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(
                new AcpMode("opencode", List.of(), List.of("acp"), List.of(".opencode", ".local/share/opencode")));
    }
}
