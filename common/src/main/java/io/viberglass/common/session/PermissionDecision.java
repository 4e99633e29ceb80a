package io.viberglass.common.session;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.viberglass.common.job.WireEnum;
import jakarta.validation.constraints.NotNull;

/**
 * The answer to {@code GET /api/jobs/{id}/permission-requests/{requestId}?waitSeconds=N}: still open after the wait,
 * decided (with the chosen option), or cancelled (the session or turn was cancelled, or the request expired).
 *
 * @param optionId the chosen {@link PermissionOption#optionId()} when {@code status} is {@code resolved}
 * @param decidedBy display name of the person who answered
 */
public record PermissionDecision(@NotNull Status status, String optionId, String decidedBy) {

    public enum Status implements WireEnum {
        OPEN,
        RESOLVED,
        CANCELLED;

        @JsonCreator
        public static Status fromWire(String value) {
            return WireEnum.parse(Status.class, value);
        }
    }
}
