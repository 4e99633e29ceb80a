package io.viberglass.viberator.cli.client;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Shows what a long wait is doing. On a terminal: one line redrawn in place with a spinner and the elapsed time. In
 * a CI log (not a TTY): a plain line only when the message changes, so logs stay short and free of control codes.
 */
public final class ProgressLine {
    private static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private final PrintWriter err;
    private final boolean interactive;
    private final Clock clock;
    private final Instant started;
    private String lastMessage;
    private int frame;
    private boolean drawn;

    public ProgressLine(PrintWriter err, boolean interactive, Clock clock) {
        this.err = err;
        this.interactive = interactive;
        this.clock = clock;
        this.started = clock.instant();
    }

    public void update(String message) {
        if (interactive) {
            long seconds = Duration.between(started, clock.instant()).toSeconds();
            char spin = SPINNER.charAt(frame++ % SPINNER.length());
            err.print("\r\033[2K" + spin + " " + message + " (" + seconds + "s)");
            err.flush();
            drawn = true;
        } else if (!message.equals(lastMessage)) {
            err.println(message);
            err.flush();
        }
        lastMessage = message;
    }

    /** Clears the spinner line so that what follows starts on a clean line. */
    public void done() {
        if (interactive && drawn) {
            err.print("\r\033[2K");
            err.flush();
            drawn = false;
        }
    }
}
