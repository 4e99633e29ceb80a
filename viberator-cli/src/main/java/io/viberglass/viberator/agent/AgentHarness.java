package io.viberglass.viberator.agent;

import io.viberglass.common.job.AgentType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One coding-agent CLI: how to call it for a one-shot run and how to read its output. Implementations are small and
 * stateless; adding an agent means one class implementing this interface, registered in {@link HarnessRegistry}.
 *
 * <p>Interactive session turns run the CLI as an Agent Client Protocol server instead: {@link #acp()} says how, and
 * {@link #acpCommand} builds that command line with the same environment as a one-shot run.
 */
public interface AgentHarness {

    AgentType type();

    /** The executable name looked up on {@code PATH}: {@code claude}, {@code codex} … */
    String executable();

    /** Other names the same CLI is installed under, tried in order when {@link #executable()} is not found. */
    default List<String> alternativeExecutables() {
        return List.of();
    }

    /** Credential names that may hold the model API key, in order of preference. */
    List<String> apiKeyNames();

    /** Environment names that may hold the model base URL when the payload gives none, in order of preference. */
    default List<String> endpointNames() {
        return List.of();
    }

    /**
     * Builds the command for one run.
     *
     * @param executable the resolved absolute path of the CLI
     */
    AgentCommand command(AgentRequest request, Path executable);

    /** A fresh parser for one run's stdout. */
    OutputParser newParser();

    /**
     * Where an instruction file that configures this CLI (not the repository) goes, such as OpenCode's
     * {@code opencode.json}; empty means the file belongs in the work tree.
     */
    default Optional<Path> configFileTarget(String instructionPath, Path homeDir) {
        return Optional.empty();
    }

    /** The argument that makes the CLI print its version, for {@code viberator agents}. */
    default List<String> versionArguments() {
        return List.of("--version");
    }

    /** The environment variable that overrides the binary path, e.g. {@code VIBERATOR_CLAUDE_CODE_BIN}. */
    default String binaryOverrideVariable() {
        return "VIBERATOR_" + type().wire().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_BIN";
    }

    /** How this CLI runs an interactive ACP session; empty when it has no ACP mode. */
    default Optional<AcpMode> acp() {
        return Optional.empty();
    }

    /**
     * Builds the command that starts this CLI as an ACP server for one session turn: the {@link #acp()} executable and
     * arguments, with the environment and config files of a one-shot run (API key, endpoint, model, scratch dirs). The
     * prompt is not on the command line; it is sent as {@code session/prompt}.
     *
     * @param executable the resolved ACP executable
     * @throws UnsupportedOperationException when the CLI has no ACP mode
     */
    default AgentCommand acpCommand(AgentRequest request, Path executable) {
        AcpMode mode =
                acp().orElseThrow(() -> new UnsupportedOperationException(type().displayName() + " has no ACP mode"));
        AgentCommand oneShot = command(request, executable);
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(mode.arguments());
        return new AgentCommand(argv, oneShot.environment(), request.repoDir(), oneShot.files());
    }

    /** The variable that overrides the ACP executable, e.g. {@code VIBERATOR_CLAUDE_CODE_ACP_BIN}. */
    default String acpBinaryOverrideVariable() {
        return "VIBERATOR_" + type().wire().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_ACP_BIN";
    }
}
