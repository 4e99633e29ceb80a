package io.viberglass.platform.trust;

import io.viberglass.platform.tickets.TrustState;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A run an outside author asked for that waits for a project approver.
 *
 * @param kind {@code execution} (an auto-execute issue or a "fix this" comment) or {@code follow_up} (a review or
 *     comment on a pull request a run opened)
 * @param run what the webhook feature needs to start the run as it would have started (runner, branch, context)
 * @param jobId the run started on approval
 * @param note why an approved run could not start, if it could not
 */
public record Hold(
        UUID id,
        UUID ticketId,
        String kind,
        String provider,
        String identity,
        String reason,
        TrustState state,
        @Json Map<String, Object> run,
        UUID deliveryId,
        UUID jobId,
        String note,
        String decidedBy,
        Instant decidedAt,
        String decisionReason,
        Instant createdAt) {

    public static final String EXECUTION = "execution";
    public static final String FOLLOW_UP = "follow_up";
}
