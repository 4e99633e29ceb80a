package io.viberglass.common.job;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of {@code POST /api/jobs/{id}/progress}: a step of the pipeline, which also serves as the heartbeat.
 *
 * @param step machine name of the step ({@code clone}, {@code execute}, {@code push}, {@code heartbeat} …)
 * @param message human sentence, already redacted
 * @param details small structured extras
 */
public record ProgressUpdate(
        @Size(max = 100) String step,
        @NotBlank @Size(max = 1000) String message,
        @Size(max = 50) Map<String, Object> details) {

    public ProgressUpdate {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
