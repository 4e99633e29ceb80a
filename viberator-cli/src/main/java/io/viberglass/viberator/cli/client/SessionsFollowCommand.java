package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.ExitCodes;
import io.viberglass.viberator.client.SessionFollower;
import io.viberglass.viberator.client.Sleeper;
import io.viberglass.viberator.client.TimelineEvent;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code viberator sessions follow}: an agent session's timeline, live, until the session ends. */
@Command(
        name = "follow",
        mixinStandardHelpOptions = true,
        description = "Print an agent session's events as they happen (the agent's messages, tool calls, questions, "
                + "approvals, who joined) until the session ends. Resumes across dropped connections. With --json, "
                + "one JSON object per event (JSON Lines).")
public final class SessionsFollowCommand implements Callable<Integer> {
    private final Connection connection;

    @Parameters(index = "0", paramLabel = "SESSION", description = "Agent session id.")
    UUID sessionId;

    @Option(
            names = "--after",
            paramLabel = "SEQUENCE",
            defaultValue = "0",
            description = "Start after this event sequence (default: from the session's first event).")
    long after;

    @Mixin
    ClientOptions options;

    public SessionsFollowCommand(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer call() throws InterruptedException {
        Output output = options.output();
        TimelinePrinter printer = new TimelinePrinter(output.out());
        SessionFollower.Ended ended = new SessionFollower(connection.client(), Sleeper.real())
                .follow(sessionId, after, event -> {
                    if (output.json()) {
                        output.out().println(Output.asCompactJson(event));
                        output.out().flush();
                    } else {
                        printer.print(event);
                    }
                });
        printer.finish();
        if (ended.status() == null) {
            output.note("Lost the stream of session " + sessionId + " after event " + ended.lastSequence()
                    + "; resume with --after " + ended.lastSequence());
            return ExitCodes.PLATFORM_UNREACHABLE;
        }
        output.note("Session " + sessionId + " " + ended.status() + ".");
        return switch (ended.status()) {
            case "failed" -> ExitCodes.RUN_FAILED;
            case "cancelled" -> ExitCodes.CANCELLED;
            default -> ExitCodes.OK;
        };
    }

    /** Prints events as a conversation: message chunks run on in one paragraph, everything else gets its own line. */
    static final class TimelinePrinter {
        private final java.io.PrintWriter out;
        private String streaming;

        TimelinePrinter(java.io.PrintWriter out) {
            this.out = out;
        }

        void print(TimelineEvent event) {
            switch (event.type()) {
                case "assistant_message" -> chunk("agent", event);
                case "reasoning" -> chunk("thinking", event);
                case "presence_update" -> {
                    // the list of watchers changes with every join and leave, which are printed already
                }
                default -> line(event, describe(event));
            }
            out.flush();
        }

        void finish() {
            if (streaming != null) {
                out.println();
                streaming = null;
            }
            out.flush();
        }

        private void chunk(String who, TimelineEvent event) {
            if (!who.equals(streaming)) {
                finish();
                out.print(prefix(event) + who + ": ");
                streaming = who;
            }
            out.print(event.text("text"));
        }

        private void line(TimelineEvent event, String text) {
            finish();
            out.println(prefix(event) + text);
        }

        private static String prefix(TimelineEvent event) {
            return event.createdAt() == null ? "" : Dates.time(event.createdAt()) + " ";
        }

        private static String describe(TimelineEvent event) {
            String user = event.userName() == null ? "someone" : event.userName();
            return switch (event.type()) {
                case "user_message" -> user + ": " + first(event, "text", "content", "message");
                case "tool_call_started" -> "[tool] " + event.text("toolName") + " started";
                case "tool_call_completed" ->
                    "[tool] " + event.text("toolName")
                            + (Boolean.TRUE.equals(event.payload().get("success"))
                                    ? " done"
                                    : " failed: " + event.text("error"));
                case "progress" -> "[progress] " + event.text("text");
                case "needs_input" -> "[question] " + event.text("prompt");
                case "needs_approval" -> "[approval needed] " + first(event, "prompt", "title");
                case "approval_resolved" -> "[approval] " + Output.asCompactJson(event.payload());
                case "user_joined" -> "* " + first(event, "name", "userName") + " joined";
                case "user_left" -> "* " + first(event, "name", "userName") + " left";
                default ->
                    "[" + event.type() + "]"
                            + (event.payload().isEmpty() ? "" : " " + Output.asCompactJson(event.payload()));
            };
        }

        private static String first(TimelineEvent event, String... fields) {
            for (String field : fields) {
                String value = event.text(field);
                if (!value.isBlank()) {
                    return value;
                }
            }
            return "";
        }
    }
}
