package io.viberglass.viberator.agent;

import java.util.List;

/**
 * How a CLI runs as an Agent Client Protocol server for interactive session turns.
 *
 * @param executable the ACP executable looked up on {@code PATH}: the CLI itself ({@code qwen --acp}) or an adapter
 *     ({@code claude-agent-acp}, {@code codex-acp})
 * @param alternativeExecutables other names the same adapter is installed under
 * @param arguments what follows the executable to start ACP mode
 * @param stateDirectories where the CLI keeps its conversations, relative to {@code HOME}: archived after a turn and
 *     restored before the next, so a fresh worker can resume the session
 * @param authMethod the ACP {@code authenticate} method that means "use the API key in my environment", sent when the
 *     agent lists it; {@code null} for agents that read their key without being asked
 */
public record AcpMode(
        String executable,
        List<String> alternativeExecutables,
        List<String> arguments,
        List<String> stateDirectories,
        String authMethod) {

    public AcpMode {
        alternativeExecutables = List.copyOf(alternativeExecutables);
        arguments = List.copyOf(arguments);
        stateDirectories = List.copyOf(stateDirectories);
    }

    /** An agent that needs no {@code authenticate} call. */
    public AcpMode(
            String executable,
            List<String> alternativeExecutables,
            List<String> arguments,
            List<String> stateDirectories) {
        this(executable, alternativeExecutables, arguments, stateDirectories, null);
    }
}
