package io.viberglass.common.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/jobs/{id}/session-events/batch}: events in the order the agent produced them. */
public record SessionEventBatch(@NotNull @Size(min = 1, max = MAX_EVENTS) List<@Valid @NotNull SessionEvent> events) {
    public static final int MAX_EVENTS = 100;
}
