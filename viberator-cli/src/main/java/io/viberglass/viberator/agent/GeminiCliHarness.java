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
 * and last. An endpoint (the credential broker's proxy, a gateway) goes to {@code GOOGLE_GEMINI_BASE_URL}, which
 * Google's genai SDK under the CLI reads as the Gemini API's base URL (it then calls
 * {@code <base>/v1beta/models/<model>:streamGenerateContent?alt=sse} with the key in {@code x-goog-api-key}).
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
    public List<String> endpointNames() {
        return List.of("GEMINI_CLI_ENDPOINT", "GOOGLE_GEMINI_BASE_URL");
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
        request.endpointUrl().ifPresent(url -> env.put("GOOGLE_GEMINI_BASE_URL", url));
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
