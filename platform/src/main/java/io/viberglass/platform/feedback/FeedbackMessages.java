package io.viberglass.platform.feedback;

import java.time.format.DateTimeFormatter;

/** The Markdown comments providers get: what happened, with the links and numbers a reader needs. */
final class FeedbackMessages {
    private FeedbackMessages() {}

    static String comment(FeedbackEvent event) {
        return switch (event.eventType()) {
            case JOB_STARTED -> started(event);
            case JOB_ENDED -> event.result() != null && event.result().success() ? succeeded(event) : failed(event);
            case PULL_REQUEST_OPENED ->
                "## 🔀 Pull request opened\n\n" + event.result().pullRequestUrl() + runLink(event);
            case APPROVAL_REQUESTED ->
                "## 📝 Approval requested\n\nThe " + event.approval().phase() + " document is ready for review"
                        + (event.ticket() != null && event.ticket().url() != null
                                ? ": " + event.ticket().url()
                                : ".");
            case TEST -> "## 🧪 Test\n\nViberglass can post feedback here.";
        };
    }

    private static String started(FeedbackEvent event) {
        return "## 🚀 Job Started\n\nViberglass started a " + event.job().kind() + " run on this issue at "
                + DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()) + "." + runLink(event);
    }

    private static String succeeded(FeedbackEvent event) {
        FeedbackEvent.Result result = event.result();
        StringBuilder text = new StringBuilder("## ✅ Fix submitted\n\n");
        if (result.pullRequestUrl() != null) {
            text.append("Pull request: ").append(result.pullRequestUrl()).append("\n\n");
        }
        if (result.commitHash() != null) {
            text.append("- Commit: `").append(result.commitHash()).append("`\n");
        }
        if (event.job().branch() != null) {
            text.append("- Branch: `").append(event.job().branch()).append("`\n");
        }
        if (result.changedFiles() != null && !result.changedFiles().isEmpty()) {
            text.append("- Files changed: ")
                    .append(result.changedFiles().size())
                    .append('\n');
        }
        if (result.executionTimeMs() != null) {
            text.append("- Execution time: ")
                    .append(result.executionTimeMs() / 1000)
                    .append(" s\n");
        }
        return text.toString().strip() + runLink(event);
    }

    private static String failed(FeedbackEvent event) {
        String status = event.job().status();
        String error = event.result() == null || event.result().errorMessage() == null
                ? "The run " + status + "."
                : event.result().errorMessage();
        return "## ❌ Fix failed\n\nThe " + event.job().kind() + " run " + status + ":\n\n```\n"
                + error.replace("```", "ʼʼʼ") + "\n```" + runLink(event);
    }

    private static String runLink(FeedbackEvent event) {
        return event.job() != null && event.job().url() != null
                ? "\n\n[Open the run in Viberglass](" + event.job().url() + ")"
                : "";
    }
}
