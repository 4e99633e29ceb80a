package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claude Code: {@code claude --print <prompt> --output-format=stream-json --verbose --dangerously-skip-permissions}.
 * {@code --verbose} is required with stream-json in print mode; {@code IS_SANDBOX=1} lets the permission bypass work
 * when the worker runs as root (containers do), which the CLI otherwise refuses.
 */
public final class ClaudeCodeHarness implements AgentHarness {

    @Override
    public AgentType type() {
        return AgentType.CLAUDE_CODE;
    }

    @Override
    public String executable() {
        return "claude";
    }

    @Override
    public List<String> apiKeyNames() {
        return List.of("CLAUDE_CODE_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN");
    }

    @Override
    public List<String> endpointNames() {
        return List.of("CLAUDE_CODE_ENDPOINT", "ANTHROPIC_BASE_URL");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        List<String> argv = List.of(
                executable.toString(),
                "--print",
                request.prompt(),
                "--output-format=stream-json",
                "--verbose",
                "--dangerously-skip-permissions");
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> env.put("ANTHROPIC_API_KEY", key.reveal()));
        // the CLI appends /v1/messages itself
        request.endpointUrl().ifPresent(url -> env.put("ANTHROPIC_BASE_URL", stripV1(url)));
        request.modelName().ifPresent(model -> env.put("ANTHROPIC_MODEL", model));
        env.put("IS_SANDBOX", "1");
        env.put("CLAUDE_CONFIG_DIR", request.homeDir().resolve(".claude").toString());
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        return new AgentCommand(argv, env, request.repoDir(), Map.of());
    }

    @Override
    public OutputParser newParser() {
        return new StreamJsonParser();
    }

    static String stripV1(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return trimmed.endsWith("/v1") ? trimmed.substring(0, trimmed.length() - 3) : trimmed;
    }

    /** Claude Code speaks ACP through Zed's adapter, which drives the same CLI and reads the same environment. */
    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(new AcpMode("claude-agent-acp", List.of("claude-code-acp"), List.of(), List.of(".claude")));
    }
}
