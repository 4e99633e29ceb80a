package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mistral Vibe: {@code vibe --prompt <prompt> --output json --workdir <repo>}, installed as {@code vibe} or
 * {@code mistral-vibe}. Its output is pretty-printed chat messages. The CLI takes its model from its own config, so
 * a payload model is not passed.
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
        return new AgentCommand(argv, env, request.workDir(), Map.of());
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
