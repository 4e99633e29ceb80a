package io.viberglass.platform.feedback;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What happened, frozen when it happened: the body custom targets receive (signed as sent), and what provider senders
 * render comments from. Written to the outbox in the transaction of the change it reports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackEvent(
        FeedbackEventType eventType,
        Instant occurredAt,
        UUID projectId,
        Ticket ticket,
        Job job,
        Result result,
        Approval approval) {

    /**
     * The ticket and where it came from.
     *
     * @param source provider metadata feedback needs (repository, issue numbers, API base URLs)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ticket(
            UUID id,
            String title,
            String url,
            String ticketSystem,
            String externalTicketId,
            String externalTicketUrl,
            Map<String, Object> source) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Job(
            UUID id, UUID ticketId, String kind, String status, String repository, String branch, String url) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            boolean success,
            String outcome,
            String errorMessage,
            String commitHash,
            String pullRequestUrl,
            Long executionTimeMs,
            List<String> changedFiles) {}

    public record Approval(String phase, String actor) {}
}
