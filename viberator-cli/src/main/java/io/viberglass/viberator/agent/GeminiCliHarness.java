package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gemini CLI: {@code gemini --output-format json --approval-mode yolo [--model m] <prompt>}, the prompt positional
 * and last. The CLI has no base-URL override, so a payload endpoint is ignored (the runner logs that).
 */
public final class GeminiCliHarness implements AgentHarness {

    @Override
    public AgentType type() {
        return AgentType.GEMINI_CLI;
    }

    @Override
    public String executable() {
        return "gemini";
    }

    @Override
    public List<String> apiKeyNames() {
        return List.of("GEMINI_CLI_API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--output-format", "json"));
        argv.addAll(List.of("--approval-mode", request.options().getOrDefault("approvalMode", "yolo")));
        request.modelName().ifPresent(model -> argv.addAll(List.of("--model", model)));
        argv.add(request.prompt());
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> {
            env.put("GEMINI_API_KEY", key.reveal());
            env.put("GOOGLE_API_KEY", key.reveal());
        });
        env.put("GEMINI_TELEMETRY_ENABLED", "false");
        return new AgentCommand(argv, env, request.repoDir(), Map.of());
    }

    @Override
    public OutputParser newParser() {
        return new GeminiJsonParser();
    }

    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(
                new AcpMode("gemini", List.of(), List.of("--experimental-acp"), List.of(".gemini"), "gemini-api-key"));
    }

    @Override
    public AgentCommand acpCommand(AgentRequest request, Path executable) {
        AgentCommand oneShot = command(request, executable);
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "--experimental-acp"));
        request.modelName().ifPresent(model -> argv.addAll(List.of("--model", model)));
        return new AgentCommand(argv, oneShot.environment(), request.repoDir(), oneShot.files());
    }
}
