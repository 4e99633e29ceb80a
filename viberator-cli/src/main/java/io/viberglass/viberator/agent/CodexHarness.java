package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Codex: {@code codex exec --json --skip-git-repo-check --dangerously-bypass-approvals-and-sandbox --cd <repo> …
 * -- <prompt>}. The default sandbox is read-only (edits fail yet exit 0), so the bypass is required. Codex no longer
 * reads {@code OPENAI_BASE_URL}; a custom endpoint is declared as a model provider with {@code -c}.
 */
public final class CodexHarness implements AgentHarness {
    static final String PROVIDER = "viberglass";

    @Override
    public AgentType type() {
        return AgentType.CODEX;
    }

    @Override
    public String executable() {
        return "codex";
    }

    @Override
    public List<String> apiKeyNames() {
        return List.of("CODEX_API_KEY", "OPENAI_API_KEY");
    }

    @Override
    public List<String> endpointNames() {
        return List.of("CODEX_ENDPOINT");
    }

    @Override
    public AgentCommand command(AgentRequest request, Path executable) {
        List<String> argv = new ArrayList<>(List.of(
                executable.toString(),
                "exec",
                "--json",
                "--skip-git-repo-check",
                "--dangerously-bypass-approvals-and-sandbox",
                "--cd",
                request.repoDir().toString(),
                "-c",
                "analytics.enabled=false",
                "--disable",
                "plugins"));
        request.modelName().ifPresent(model -> argv.addAll(List.of("--model", model)));
        request.endpointUrl()
                .ifPresent(url -> argv.addAll(List.of(
                        "-c",
                        "model_provider=" + PROVIDER,
                        "-c",
                        "model_providers." + PROVIDER + "={name=\"" + PROVIDER + "\",base_url=\"" + withV1(url)
                                + "\",env_key=\"OPENAI_API_KEY\",wire_api=\"responses\"}")));
        argv.add("--");
        argv.add(request.prompt());
        Map<String, String> env = new LinkedHashMap<>();
        request.apiKey().ifPresent(key -> env.put("OPENAI_API_KEY", key.reveal()));
        String codexHome = request.homeDir().resolve(".codex").toString();
        env.put("CODEX_HOME", codexHome);
        return new AgentCommand(argv, env, request.workDir(), Map.of());
    }

    @Override
    public OutputParser newParser() {
        return new CodexJsonParser();
    }

    private static String withV1(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return trimmed.endsWith("/v1") ? trimmed : trimmed + "/v1";
    }

    /** Codex speaks ACP through the {@code codex-acp} adapter, which takes the same {@code -c} overrides. */
    @Override
    public Optional<AcpMode> acp() {
        return Optional.of(new AcpMode("codex-acp", List.of(), List.of(), List.of(".codex")));
    }

    @Override
    public AgentCommand acpCommand(AgentRequest request, Path executable) {
        AgentCommand oneShot = command(request, executable);
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "-c", "analytics.enabled=false"));
        request.modelName().ifPresent(model -> argv.addAll(List.of("-c", "model=\"" + model + "\"")));
        request.endpointUrl()
                .ifPresent(url -> argv.addAll(List.of(
                        "-c",
                        "model_provider=" + PROVIDER,
                        "-c",
                        "model_providers." + PROVIDER + "={name=\"" + PROVIDER + "\",base_url=\"" + withV1(url)
                                + "\",env_key=\"OPENAI_API_KEY\",wire_api=\"responses\"}")));
        return new AgentCommand(argv, oneShot.environment(), request.repoDir(), oneShot.files());
    }
}
