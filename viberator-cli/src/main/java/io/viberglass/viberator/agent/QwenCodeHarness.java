package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Qwen Code: {@code qwen --auth-type openai --prompt <prompt> --output-format stream-json --yolo --model <m>}, talking
 * to an OpenAI-compatible endpoint (DashScope by default). Its stream-json is Claude Code's format.
 */
public final class QwenCodeHarness implements AgentHarness {
    static final String DEFAULT_MODEL = "qwen3-coder-plus";
    static final String DEFAULT_ENDPOINT = "https://dashscope.aliyuncs.com/compatible-mode/v1";

    @Override
    public AgentType type() {
        return AgentType.QWEN_CODE;
    }

    @Override
    public String executable() {
        return "qwen";
    }

    @Override
    public List<String> apiKeyNames() {
        // DASHSCOPE_API_KEY is deliberately not read: it may belong to another tool on the same host
        return List.of("QWEN_CODE_API_KEY", "QWEN_CLI_API_KEY");
    }

    @Override
    public List<String> endpointNames() {
        return List.of("QWEN_CODE_ENDPOINT", "QWEN_CLI_ENDPOINT", "QWEN_API_ENDPOINT");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        String model = request.modelName().orElse(DEFAULT_MODEL);
        List<String> argv = List.of(
                executable.toString(),
                "--auth-type",
                "openai",
                "--prompt",
                request.prompt(),
                "--output-format",
                "stream-json",
                "--yolo",
                "--model",
                model);
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> {
            env.put("OPENAI_API_KEY", key.reveal());
            env.put("DASHSCOPE_API_KEY", key.reveal());
        });
        env.put("OPENAI_BASE_URL", request.endpointUrl().orElse(DEFAULT_ENDPOINT));
        env.put("OPENAI_MODEL", model);
        return new AgentCommand(argv, env, request.repoDir(), Map.of());
    }

    @Override
    public OutputParser newParser() {
        return new StreamJsonParser();
    }

    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(
                new AcpMode("qwen", List.of(), List.of("--acp", "--auth-type", "openai"), List.of(".qwen"), "openai"));
    }

    @Override
    public AgentCommand acpCommand(AgentRequest request, Path executable) {
        AgentCommand oneShot = command(request, executable);
        List<String> argv = List.of(
                executable.toString(),
                "--acp",
                "--auth-type",
                "openai",
                "--model",
                request.modelName().orElse(DEFAULT_MODEL));
        return new AgentCommand(argv, oneShot.environment(), request.repoDir(), oneShot.files());
    }
}
