package io.viberglass.viberator.process;

import java.time.Duration;

/**
 * How a child process ended.
 *
 * @param exitCode the exit status; for a process killed by signal N the JDK reports {@code 128 + N}
 * @param ending why it ended
 * @param duration wall time from start to exit
 */
public record ProcessResult(int exitCode, Ending ending, Duration duration) {

    public enum Ending {
        /** The process exited on its own. */
        EXITED,
        /** The worker killed it after the time limit. */
        TIMED_OUT,
        /** The worker killed it because the run was cancelled. */
        CANCELLED
    }

    /** Exit 0 on its own. A process the worker had to kill never counts as a clean exit, whatever its status. */
    public boolean exitedCleanly() {
        return ending == Ending.EXITED && exitCode == 0;
    }

    /** Whether the exit status says the process died from a signal (SIGKILL from the OOM killer, SIGSEGV …). */
    public boolean killedBySignal() {
        return exitCode > 128 && exitCode < 128 + 65;
    }
}
