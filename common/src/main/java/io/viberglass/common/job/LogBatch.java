package io.viberglass.common.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/jobs/{id}/logs/batch}. */
public record LogBatch(@NotNull @Size(min = 1, max = MAX_ENTRIES) List<@Valid @NotNull LogEntry> logs) {
    public static final int MAX_ENTRIES = 500;
}
