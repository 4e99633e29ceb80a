package io.viberglass.viberator;

import com.fasterxml.jackson.databind.JsonNode;
import io.viberglass.common.job.LogLevel;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.session.PermissionDecision;
import io.viberglass.common.session.PermissionOption;
import io.viberglass.common.session.PermissionRequest;
import io.viberglass.common.session.SessionCallbacks;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.session.SessionChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Answers an agent's {@code session/request_permission}: raises a permission request on the platform, long-polls for a
 * person's decision until someone answers, the request is cancelled, the turn is cancelled, or the session's permission
 * timeout passes, and tells the agent the chosen option, or {@code cancelled} in every other case. Nothing is approved
 * automatically (upstream approved every request unseen).
 */
final class PermissionBroker {
    private final SessionChannel channel;
    private final Cancellation cancellation;
    private final JobReporter reporter;
    private final Duration timeout;
    private final SecretRedactor redactor;

    PermissionBroker(
            SessionChannel channel,
            Cancellation cancellation,
            JobReporter reporter,
            int timeoutSeconds,
            SecretRedactor redactor) {
        this.channel = channel;
        this.redactor = redactor;
        this.cancellation = cancellation;
        this.reporter = reporter;
        this.timeout = Duration.ofSeconds(timeoutSeconds);
    }

    /** The ACP answer, {@code {outcome: {outcome: selected, optionId}}} or {@code {outcome: {outcome: cancelled}}}. */
    Map<String, Object> decide(JsonNode params) {
        JsonNode toolCall = params.path("toolCall");
        List<PermissionOption> options = new ArrayList<>();
        for (JsonNode option : params.path("options")) {
            String id = option.path("optionId").asText("");
            if (!id.isBlank()) {
                options.add(new PermissionOption(
                        id,
                        redactor.redact(option.path("name").asText(id)),
                        option.path("kind").asText("allow_once")));
            }
        }
        if (options.isEmpty()) {
            reporter.log(LogLevel.WARN, "viberator", "The agent asked for permission without options; refused");
            return cancelled();
        }
        String title = redactor.redact(title(toolCall));
        String toolCallId = toolCall.path("toolCallId").asText(null);
        Optional<String> requestId = channel.requestPermission(new PermissionRequest(toolCallId, title, options));
        if (requestId.isEmpty()) {
            reporter.log(
                    LogLevel.WARN,
                    "viberator",
                    "Nobody could be asked to allow \"" + title + "\" (no platform); the agent was told no");
            return cancelled();
        }
        reporter.log(LogLevel.INFO, "viberator", "Waiting for a person to allow \"" + title + "\"");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cancellation.isCancelled()) {
            long left = Duration.ofNanos(deadline - System.nanoTime()).toSeconds();
            if (left <= 0) {
                reporter.log(LogLevel.WARN, "viberator", "Nobody answered the permission request in time");
                return cancelled();
            }
            int wait = (int) Math.min(left, SessionCallbacks.MAX_WAIT_SECONDS);
            Optional<PermissionDecision> decision = poll(requestId.get(), wait);
            if (decision.isEmpty()) {
                break;
            }
            switch (decision.get().status()) {
                case RESOLVED -> {
                    String chosen = decision.get().optionId();
                    if (options.stream().anyMatch(o -> o.optionId().equals(chosen))) {
                        reporter.log(
                                LogLevel.INFO,
                                "viberator",
                                "Permission answered \"" + chosen + "\""
                                        + (decision.get().decidedBy() == null
                                                ? ""
                                                : " by " + decision.get().decidedBy()));
                        return Map.of("outcome", Map.of("outcome", "selected", "optionId", chosen));
                    }
                    reporter.log(LogLevel.WARN, "viberator", "The platform chose an option the agent did not offer");
                    return cancelled();
                }
                case CANCELLED -> {
                    reporter.log(LogLevel.INFO, "viberator", "The permission request was cancelled");
                    return cancelled();
                }
                case OPEN -> {
                    // nobody yet: ask again
                }
            }
        }
        return cancelled();
    }

    /** One long poll, cut short when the turn is cancelled (empty then). */
    private Optional<PermissionDecision> poll(String requestId, int waitSeconds) {
        CompletableFuture<PermissionDecision> poll =
                CompletableFuture.supplyAsync(() -> channel.awaitDecision(requestId, waitSeconds));
        try {
            CompletableFuture.anyOf(poll, cancellation.whenCancelled()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            // the poll itself failed: treated as "still open" below
        }
        if (!poll.isDone()) {
            return Optional.empty();
        }
        try {
            return Optional.of(poll.get());
        } catch (ExecutionException | InterruptedException e) {
            return Optional.of(new PermissionDecision(PermissionDecision.Status.OPEN, null, null));
        }
    }

    private static String title(JsonNode toolCall) {
        String title = toolCall.path("title").asText("");
        if (title.isBlank()) {
            title = toolCall.path("kind").asText("");
        }
        if (title.isBlank()) {
            title = "run a tool";
        }
        return title.length() > 10_000 ? title.substring(0, 10_000) : title;
    }

    private static Map<String, Object> cancelled() {
        return Map.of("outcome", Map.of("outcome", "cancelled"));
    }
}
