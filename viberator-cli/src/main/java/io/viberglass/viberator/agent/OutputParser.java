package io.viberglass.viberator.agent;

import java.util.List;

/**
 * Turns one agent CLI's stdout into {@link AgentEvent}s. A new parser is made per run, so implementations may keep state
 * (multi-line documents, message ids). Called from a single pump thread. A line the parser does not understand should
 * come back as a {@link AgentEvent.Notice} rather than be dropped or throw.
 */
public interface OutputParser {

    /** Events for one stdout line (without its line terminator). */
    List<AgentEvent> onLine(String line);

    /** Events still pending when stdout closed (formats that print one document at the end). */
    default List<AgentEvent> finish() {
        return List.of();
    }
}
