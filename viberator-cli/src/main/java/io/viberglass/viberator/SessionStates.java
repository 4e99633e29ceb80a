package io.viberglass.viberator;

import io.viberglass.common.job.LogLevel;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.session.ConversationState;
import io.viberglass.viberator.session.SessionChannel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Moves a session's conversation state between the platform and the agent's scratch home. Failures are logged and
 * never fail the turn: without its state the agent starts a fresh conversation, which is worse but not wrong.
 */
final class SessionStates {
    private SessionStates() {}

    static void restore(SessionChannel channel, Path home, JobReporter reporter) {
        Optional<byte[]> archive = channel.fetchState();
        if (archive.isEmpty()) {
            reporter.log(LogLevel.WARN, "viberator", "No conversation state to restore; the agent starts afresh");
            return;
        }
        try {
            int files = ConversationState.restore(home, archive.get());
            reporter.log(LogLevel.INFO, "viberator", "Restored the conversation state (" + files + " file(s))");
        } catch (IOException e) {
            reporter.log(
                    LogLevel.WARN,
                    "viberator",
                    "Could not restore the conversation state (" + e.getMessage() + "); the agent starts afresh");
        }
    }

    static void capture(SessionChannel channel, Path home, List<String> directories, JobReporter reporter) {
        try {
            Optional<byte[]> archive = ConversationState.capture(home, directories, SessionCallbacks.MAX_STATE_BYTES);
            if (archive.isEmpty()) {
                reporter.log(LogLevel.INFO, "viberator", "The agent left no conversation state to save");
            } else if (channel.storeState(archive.get())) {
                reporter.log(
                        LogLevel.INFO,
                        "viberator",
                        "Saved the conversation state (" + archive.get().length + " bytes)");
            } else {
                reporter.log(LogLevel.WARN, "viberator", "The platform did not store the conversation state");
            }
        } catch (IOException e) {
            reporter.log(LogLevel.WARN, "viberator", "Could not save the conversation state: " + e.getMessage());
        }
    }
}
