package io.viberglass.common.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/jobs/{id}/logs/batch}.
 *
 * @param logs the lines, oldest first
 * @param sequence the batch's number within its job (0, 1, 2 …): a worker that did not hear the answer sends the same
 *     batch with the same number again, and the platform stores each number once. Absent in batches from workers that
 *     predate it; those are stored as often as they are sent.
 */
public record LogBatch(
        @NotNull @Size(min = 1, max = MAX_ENTRIES) List<@Valid @NotNull LogEntry> logs, @PositiveOrZero Long sequence) {
    public static final int MAX_ENTRIES = 500;
}
