package io.viberglass.viberator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.common.job.AgentType;
import io.viberglass.viberator.testing.FakeAgents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliCommandsTest {
    @TempDir
    Path temp;

    @Test
    void helpListsSubcommandsAndTheExitCodeTable() {
        CliRunner.Run run = new CliRunner().execute("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "run",
                        "job",
                        "agents",
                        "doctor",
                        "generate-completion",
                        "Exit codes:",
                        "11   The agent changed nothing");
    }

    @Test
    void versionComesFromTheManifestOrSaysDevelopmentBuild() {
        CliRunner.Run run = new CliRunner().execute("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("viberator ");
    }

    @Test
    void unknownOptionsAndAgentsAreUsageErrorsThatNameTheAllowedValues() {
        assertThat(new CliRunner().execute("run", "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);

        CliRunner.Run run = new CliRunner().execute("run", "--repo", ".", "--agent", "cursor", "--task", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown value 'cursor'", "claude-code");
    }

    @Test
    void runWithoutATaskIsAUsageError() {
        CliRunner.Run run = new CliRunner().execute("run", "--repo", ".", "--agent", "codex");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--task");
    }

    @Test
    void agentsReportsInstalledClisWithTheirVersion() {
        Path claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);

        CliRunner.Run run = new CliRunner()
                .env("PATH", "/usr/bin:/bin")
                .env("VIBERATOR_CLAUDE_CODE_BIN", claude.toString())
                .execute("agents");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("claude-code\\s+Claude Code\\s+yes\\s+claude 0.0.0-fake")
                .containsPattern("codex\\s+Codex\\s+no\\s+\\(install 'codex' or set \\$VIBERATOR_CODEX_BIN\\)");
    }

    @Test
    void agentsAsJson() {
        CliRunner.Run run = new CliRunner().env("PATH", "/nonexistent").execute("agents", "--json");

        assertThat(run.out()).contains("\"id\" : \"mistral-vibe\"", "\"installed\" : false");
    }

    @Test
    void doctorSaysWhereCredentialsComeFromWithoutShowingThem() throws Exception {
        Path claude = FakeAgents.install(temp.resolve("bin"), AgentType.CLAUDE_CODE);
        Files.createDirectories(temp.resolve("secrets"));
        Files.writeString(temp.resolve("secrets/GITHUB_TOKEN"), "ghp_secretvalue123456");

        CliRunner.Run run = new CliRunner()
                .env("VIBERATOR_CLAUDE_CODE_BIN", claude.toString())
                .env("ANTHROPIC_API_KEY", "sk-ant-doctorsecret")
                .execute(
                        "doctor",
                        "--secrets-dir",
                        temp.resolve("secrets").toString(),
                        "--work-dir",
                        temp.resolve("work").toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out())
                .contains(
                        "[ok] claude-code",
                        "ANTHROPIC_API_KEY from environment",
                        "GITHUB_TOKEN: file " + temp.resolve("secrets/GITHUB_TOKEN"),
                        "Ready.");
        assertThat(run.out()).doesNotContain("ghp_secretvalue123456").doesNotContain("sk-ant-doctorsecret");
    }

    @Test
    void doctorFailsWithConfigCodeWhenNoAgentIsReady() {
        CliRunner.Run run = new CliRunner()
                .env("PATH", "/nonexistent")
                .execute("doctor", "--work-dir", temp.resolve("w").toString(), "--secrets-dir", temp.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFIG_INVALID);
        assertThat(run.out()).contains("Not ready");
    }

    @Test
    void completionScriptIsGenerated() {
        CliRunner.Run run = new CliRunner().execute("generate-completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "viberator");
    }

    @Test
    void agentNotInstalledEndsWithItsExitCode() throws Exception {
        CliRunner.Run run = new CliRunner()
                .env("PATH", "/nonexistent")
                .env("WORK_DIR", temp.resolve("w").toString())
                .execute("run", "--repo", temp.toString(), "--agent", "gemini-cli", "--task", "x", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.AGENT_NOT_INSTALLED);
        assertThat(run.out()).contains("\"outcome\" : \"agent_not_installed\"");
    }

    @Test
    void theBuildTimeCompletionScriptCoversTheClientCommandsAndTheirOptions() throws Exception {
        // the same factory and command class the exec plugin hands to picocli's AutoComplete at package time
        CommandLine tree = new CommandLine(ViberatorCommand.class, new CompletionFactory());

        String script = picocli.AutoComplete.bash("viberator", tree);

        assertThat(script)
                .contains("_picocli_viberator_tickets_run", "--phase", "--wait", "_picocli_viberator_plan_approve")
                .contains("_picocli_viberator_logs", "--follow", "_picocli_viberator_login", "--token-stdin");
    }

    @Test
    void versionNamesTheBuild() {
        CliRunner.Run run = new CliRunner().execute("--version");

        assertThat(run.out()).containsPattern("viberator \\S+ \\(built \\S+\\)");
    }

    @Test
    void durationsInTheUsualShapes() {
        DurationConverter converter = new DurationConverter();

        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("600")).isEqualTo(Duration.ofMinutes(10));
        assertThat(converter.convert("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
        assertThatThrownBy(() -> converter.convert("0s")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void everyOutcomeHasADistinctExitCodeExceptGitFailures() {
        assertThat(java.util.Arrays.stream(io.viberglass.common.job.RunOutcome.values())
                        .map(ExitCodes::of)
                        .distinct()
                        .count())
                .isEqualTo(io.viberglass.common.job.RunOutcome.values().length - 1);
    }
}
