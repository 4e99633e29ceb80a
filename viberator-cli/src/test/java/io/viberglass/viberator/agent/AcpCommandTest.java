package io.viberglass.viberator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.viberglass.common.job.AgentType;
import io.viberglass.common.security.SecretValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each harness starts its CLI as an ACP server, and where the worker finds that server. */
class AcpCommandTest {
    static final Path WORK = Path.of("/w/job-1");
    static final Path REPO = WORK.resolve("repo");
    static final Path HOME = WORK.resolve("home");
    static final String KEY = "key-1234567890";

    static AgentCommand acp(AgentHarness harness, String model, String endpoint) {
        AgentRequest request = new AgentRequest(
                "Fix it", REPO, WORK, HOME, model, endpoint, Optional.of(SecretValue.of(KEY)), Map.of());
        return harness.acpCommand(
                request, Path.of("/bin/" + harness.acp().orElseThrow().executable()));
    }

    @Test
    void everyBuiltInHarnessHasAnAcpModeThatRunsInTheRepositoryWithoutThePromptOnTheCommandLine() {
        Map<AgentType, List<String>> expected = Map.of(
                AgentType.CLAUDE_CODE, List.of("/bin/claude-agent-acp"),
                AgentType.CODEX, List.of("/bin/codex-acp", "-c", "analytics.enabled=false"),
                AgentType.GEMINI_CLI, List.of("/bin/gemini", "--experimental-acp"),
                AgentType.QWEN_CODE,
                        List.of("/bin/qwen", "--acp", "--auth-type", "openai", "--model", "qwen3-coder-plus"),
                AgentType.OPENCODE, List.of("/bin/opencode", "acp"),
                AgentType.KIMI_CODE, List.of("/bin/kimi", "acp"),
                AgentType.MISTRAL_VIBE, List.of("/bin/vibe-acp"));
        for (AgentType type : AgentType.values()) {
            AgentHarness harness = HarnessRegistry.builtIn().find(type).orElseThrow();
            AgentCommand command = acp(harness, null, null);

            assertThat(command.argv()).as(type.wire()).containsExactlyElementsOf(expected.get(type));
            assertThat(command.argv()).as(type.wire()).doesNotContain("Fix it");
            assertThat(command.workingDirectory()).as(type.wire()).isEqualTo(REPO);
            assertThat(harness.acp().orElseThrow().stateDirectories())
                    .as(type.wire())
                    .isNotEmpty();
        }
    }

    @Test
    void claudeCodesAcpAdapterGetsTheSameEnvironmentAsAOneShotRun() {
        AgentCommand command = acp(new ClaudeCodeHarness(), "claude-sonnet-4-5", "http://proxy/anthropic/v1");

        assertThat(command.environment())
                .contains(
                        entry("ANTHROPIC_API_KEY", KEY),
                        entry("ANTHROPIC_BASE_URL", "http://proxy/anthropic"),
                        entry("ANTHROPIC_MODEL", "claude-sonnet-4-5"),
                        entry("CLAUDE_CONFIG_DIR", HOME.resolve(".claude").toString()));
    }

    @Test
    void codexAcpDeclaresTheModelAndAProviderForACustomEndpoint() {
        AgentCommand command = acp(new CodexHarness(), "gpt-5-codex", "http://proxy/openai");

        assertThat(command.argv())
                .containsSubsequence("-c", "model=\"gpt-5-codex\"")
                .containsSubsequence("-c", "model_provider=viberglass");
        assertThat(command.environment())
                .contains(
                        entry("OPENAI_API_KEY", KEY),
                        entry("CODEX_HOME", HOME.resolve(".codex").toString()));
    }

    @Test
    void theAcpServerIsFoundByItsOverrideThenOnPath(@TempDir Path temp) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path adapter = executable(bin.resolve("claude-agent-acp"));
        Path qwen = executable(bin.resolve("qwen"));
        Path override = executable(temp.resolve("my-acp"));
        BinaryResolver onPath = new BinaryResolver(Map.of("PATH", bin.toString()), Map.of());

        assertThat(onPath.resolveAcp(new ClaudeCodeHarness())).contains(adapter);
        assertThat(onPath.resolveAcp(new QwenCodeHarness())).contains(qwen);
        assertThat(onPath.resolveAcp(new CodexHarness())).isEmpty();
        assertThat(new BinaryResolver(
                                Map.of("PATH", bin.toString(), "VIBERATOR_CLAUDE_CODE_ACP_BIN", override.toString()),
                                Map.of())
                        .resolveAcp(new ClaudeCodeHarness()))
                .contains(override);
        assertThat(onPath.describeAcpLookup(new CodexHarness()))
                .isEqualTo("$VIBERATOR_CODEX_ACP_BIN or 'codex-acp' on PATH");
    }

    private static Path executable(Path path) throws Exception {
        Files.writeString(path, "#!/bin/sh\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        return path;
    }
}
