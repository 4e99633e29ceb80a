package io.viberglass.viberator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.viberglass.common.job.AgentType;
import io.viberglass.common.security.SecretValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact command line and environment each harness builds. */
class HarnessCommandTest {
    static final Path WORK = Path.of("/w/job-1");
    static final Path REPO = WORK.resolve("repo");
    static final Path HOME = WORK.resolve("home");
    static final String KEY = "key-1234567890";

    static AgentRequest request(String model, String endpoint) {
        return new AgentRequest(
                "Fix it", REPO, WORK, HOME, model, endpoint, Optional.of(SecretValue.of(KEY)), Map.of());
    }

    static AgentCommand command(AgentHarness harness, String model, String endpoint) {
        return harness.command(request(model, endpoint), Path.of("/bin/" + harness.executable()));
    }

    @Test
    void claudeCodeRunsPrintModeWithVerboseStreamJsonAndTheSandboxFlag() {
        AgentCommand command = command(new ClaudeCodeHarness(), "claude-sonnet-4-5", "http://proxy/anthropic/v1/");

        assertThat(command.argv())
                .containsExactly(
                        "/bin/claude",
                        "--print",
                        "Fix it",
                        "--output-format=stream-json",
                        "--verbose",
                        "--dangerously-skip-permissions");
        assertThat(command.workingDirectory()).isEqualTo(REPO);
        assertThat(command.environment())
                .containsOnly(
                        entry("ANTHROPIC_API_KEY", KEY),
                        entry("ANTHROPIC_BASE_URL", "http://proxy/anthropic"),
                        entry("ANTHROPIC_MODEL", "claude-sonnet-4-5"),
                        entry("IS_SANDBOX", "1"),
                        entry("CLAUDE_CONFIG_DIR", HOME.resolve(".claude").toString()),
                        entry("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1"),
                        entry("DISABLE_AUTOUPDATER", "1"),
                        entry("DISABLE_TELEMETRY", "1"),
                        entry("DISABLE_ERROR_REPORTING", "1"));
    }

    @Test
    void claudeCodeWithoutModelOrEndpointSetsNeither() {
        AgentCommand command = command(new ClaudeCodeHarness(), null, null);

        assertThat(command.environment()).doesNotContainKeys("ANTHROPIC_MODEL", "ANTHROPIC_BASE_URL");
    }

    @Test
    void codexBypassesTheSandboxAndDeclaresAProviderForACustomEndpoint() {
        AgentCommand command = command(new CodexHarness(), "gpt-5-codex", "http://proxy/openai");

        assertThat(command.argv())
                .containsExactly(
                        "/bin/codex",
                        "exec",
                        "--json",
                        "--skip-git-repo-check",
                        "--dangerously-bypass-approvals-and-sandbox",
                        "--cd",
                        REPO.toString(),
                        "-c",
                        "analytics.enabled=false",
                        "--disable",
                        "plugins",
                        "--model",
                        "gpt-5-codex",
                        "-c",
                        "model_provider=viberglass",
                        "-c",
                        "model_providers.viberglass={name=\"viberglass\",base_url=\"http://proxy/openai/v1\","
                                + "env_key=\"OPENAI_API_KEY\",wire_api=\"responses\"}",
                        "--",
                        "Fix it");
        assertThat(command.workingDirectory()).isEqualTo(WORK);
        assertThat(command.environment())
                .containsOnly(
                        entry("OPENAI_API_KEY", KEY),
                        entry("CODEX_HOME", HOME.resolve(".codex").toString()));
    }

    @Test
    void codexWithoutEndpointUsesTheBuiltInProvider() {
        AgentCommand command = command(new CodexHarness(), null, null);

        assertThat(command.argv()).doesNotContain("--model").noneMatch(arg -> arg.startsWith("model_provider"));
        assertThat(command.argv()).endsWith("--", "Fix it");
    }

    @Test
    void geminiTakesThePromptLastAndTheKeyUnderBothNames() {
        AgentCommand command = command(new GeminiCliHarness(), "gemini-2.5-pro", null);

        assertThat(command.argv())
                .containsExactly(
                        "/bin/gemini",
                        "--output-format",
                        "json",
                        "--approval-mode",
                        "yolo",
                        "--model",
                        "gemini-2.5-pro",
                        "Fix it");
        assertThat(command.workingDirectory()).isEqualTo(REPO);
        assertThat(command.environment())
                .containsOnly(
                        entry("GEMINI_API_KEY", KEY),
                        entry("GOOGLE_API_KEY", KEY),
                        entry("GEMINI_TELEMETRY_ENABLED", "false"));
    }

    @Test
    void qwenUsesOpenAiAuthWithADefaultModelAndEndpoint() {
        AgentCommand command = command(new QwenCodeHarness(), null, null);

        assertThat(command.argv())
                .containsExactly(
                        "/bin/qwen",
                        "--auth-type",
                        "openai",
                        "--prompt",
                        "Fix it",
                        "--output-format",
                        "stream-json",
                        "--yolo",
                        "--model",
                        "qwen3-coder-plus");
        assertThat(command.environment())
                .containsOnly(
                        entry("OPENAI_API_KEY", KEY),
                        entry("DASHSCOPE_API_KEY", KEY),
                        entry("OPENAI_BASE_URL", QwenCodeHarness.DEFAULT_ENDPOINT),
                        entry("OPENAI_MODEL", "qwen3-coder-plus"));
    }

    @Test
    void openCodeRunsWithJsonFormatAndAConfigDirInTheScratchHome() {
        AgentCommand command = command(new OpenCodeHarness(), "anthropic/claude-sonnet-4-5", "http://proxy/v1");

        assertThat(command.argv())
                .containsExactly(
                        "/bin/opencode", "run", "--format", "json", "--model", "anthropic/claude-sonnet-4-5", "Fix it");
        assertThat(command.environment())
                .containsOnly(
                        entry("OPENCODE_API_KEY", KEY),
                        entry("OPENAI_API_KEY", KEY),
                        entry("OPENCODE_BASE_URL", "http://proxy/v1"),
                        entry("OPENAI_BASE_URL", "http://proxy/v1"),
                        entry(
                                "OPENCODE_CONFIG_CONTENT",
                                "{\"provider\":{\"openai\":{\"options\":{\"baseURL\":\"http://proxy/v1\"}}}}"),
                        entry(
                                "OPENCODE_CONFIG_DIR",
                                HOME.resolve(".config/opencode").toString()),
                        entry("OPENCODE_DISABLE_AUTOUPDATE", "true"));
        assertThat(new OpenCodeHarness().configFileTarget("opencode.json", HOME))
                .contains(HOME.resolve(".config/opencode/opencode.json"));
        assertThat(new OpenCodeHarness().configFileTarget("AGENTS.md", HOME)).isEmpty();
    }

    @Test
    void kimiPassesAnInlineConfigWithoutTheKey() {
        AgentCommand command = command(new KimiCodeHarness(), null, null);

        String config = KimiCodeHarness.inlineConfig(KimiCodeHarness.DEFAULT_MODEL, KimiCodeHarness.DEFAULT_ENDPOINT);
        assertThat(command.argv())
                .containsExactly(
                        "/bin/kimi",
                        "--print",
                        "--prompt",
                        "Fix it",
                        "--output-format",
                        "stream-json",
                        "--config",
                        config,
                        "--work-dir",
                        REPO.toString());
        assertThat(config)
                .contains("\"base_url\":\"https://api.kimi.com/coding/v1\"", "\"model\":\"kimi-for-coding\"")
                .doesNotContain(KEY);
        assertThat(command.environment())
                .containsOnly(
                        entry("KIMI_API_KEY", KEY),
                        entry("OPENAI_API_KEY", KEY),
                        entry("KIMI_BASE_URL", KimiCodeHarness.DEFAULT_ENDPOINT),
                        entry("KIMI_MODEL_NAME", KimiCodeHarness.DEFAULT_MODEL));
    }

    @Test
    void geminiPointsGooglesSdkAtAnEndpoint() {
        AgentCommand command = command(new GeminiCliHarness(), null, "http://proxy/api/llm/j/gemini");

        assertThat(command.environment())
                .containsEntry("GOOGLE_GEMINI_BASE_URL", "http://proxy/api/llm/j/gemini")
                .containsEntry("GEMINI_API_KEY", KEY);
    }

    @Test
    void openCodePointsItsOpenAiProviderAtAnEndpointThroughInlineConfig() {
        AgentCommand command = command(new OpenCodeHarness(), null, "http://proxy/api/llm/j/openai");

        assertThat(command.environment())
                .containsEntry(
                        "OPENCODE_CONFIG_CONTENT",
                        "{\"provider\":{\"openai\":{\"options\":{\"baseURL\":\"http://proxy/api/llm/j/openai/v1\"}}}}");
    }

    @Test
    void mistralVibeWithAnEndpointGetsAScratchVibeHomeWithAGenericProviderThere() {
        AgentCommand command = command(new MistralVibeHarness(), "devstral-2", "http://proxy/api/llm/j/mistral");

        Path vibeHome = HOME.resolve(".vibe-viberglass");
        assertThat(command.environment())
                .containsEntry("VIBE_HOME", vibeHome.toString())
                .containsEntry("MISTRAL_API_KEY", KEY);
        assertThat(command.files()).containsOnlyKeys(vibeHome.resolve("config.toml"));
        assertThat(command.files().get(vibeHome.resolve("config.toml")))
                .contains("active_model = \"viberglass\"")
                .contains("api_base = \"http://proxy/api/llm/j/mistral\"")
                .contains("api_key_env_var = \"MISTRAL_API_KEY\"")
                .contains("backend = \"generic\"")
                .contains("name = \"devstral-2\"")
                .doesNotContain(KEY);
    }

    @Test
    void mistralVibeRunsInTheJobDirectoryWithTheRepositoryAsWorkdir() {
        AgentCommand command = command(new MistralVibeHarness(), "devstral", null);

        assertThat(command.argv())
                .containsExactly("/bin/vibe", "--prompt", "Fix it", "--output", "json", "--workdir", REPO.toString());
        assertThat(command.workingDirectory()).isEqualTo(WORK);
        assertThat(command.environment()).containsOnly(entry("MISTRAL_API_KEY", KEY));
        assertThat(new MistralVibeHarness().alternativeExecutables()).containsExactly("mistral-vibe");
    }

    @Test
    void withoutAKeyNoHarnessInventsOne() {
        AgentRequest keyless = new AgentRequest("p", REPO, WORK, HOME, null, null, Optional.empty(), Map.of());
        for (AgentHarness harness : HarnessRegistry.builtIn().all()) {
            assertThat(harness.command(keyless, Path.of("/bin/x")).environment())
                    .as(harness.type().wire())
                    .doesNotContainKeys(
                            "ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GEMINI_API_KEY", "KIMI_API_KEY", "MISTRAL_API_KEY");
        }
    }

    @Test
    void theRegistryHasOneHarnessPerAgentTypeWithItsOverrideVariable() {
        HarnessRegistry registry = HarnessRegistry.builtIn();

        assertThat(registry.all()).extracting(AgentHarness::type).containsExactlyInAnyOrder(AgentType.values());
        assertThat(registry.find(AgentType.CLAUDE_CODE).orElseThrow().binaryOverrideVariable())
                .isEqualTo("VIBERATOR_CLAUDE_CODE_BIN");
        assertThat(registry.find(AgentType.MISTRAL_VIBE).orElseThrow().binaryOverrideVariable())
                .isEqualTo("VIBERATOR_MISTRAL_VIBE_BIN");
    }
}
