package io.viberglass.platform.claws;

import io.viberglass.platform.jobs.RunRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Bodies of the claw routes. */
public final class ClawRequests {
    private ClawRequests() {}

    /** A task template; on update absent fields are kept. */
    public record Template(
            UUID projectId,
            @Size(min = 1, max = 255) String name,
            @Size(max = 5000) String description,
            UUID clankerId,
            @Size(min = 1, max = 50_000) String taskInstructions,
            @Size(max = 20) List<RunRequest.@Valid @NotNull RunFile> instructionFiles) {}

    /** A schedule; on update absent fields are kept. */
    public record Schedule(
            UUID projectId,
            UUID taskTemplateId,
            @Size(min = 1, max = 255) String name,
            @Size(max = 5000) String description,
            @Pattern(regexp = "interval|cron", message = "must be interval or cron") String scheduleType,
            @Size(max = 20) String intervalExpression,
            @Size(max = 255) String cronExpression,
            @Size(max = 64) String timezone,
            Boolean isActive,
            @Min(1) @Max(100) Integer autoPauseAfter,
            @Valid Webhook webhookConfig) {}

    /** Where started/completed/failed events are posted, signed with the secret when one is set. */
    public record Webhook(
            @NotNull @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                    String url,
            @Size(min = 16, max = 512) String secret,
            @Size(max = 3)
                    List<
                                    @Pattern(
                                            regexp = "started|completed|failed",
                                            message = "must be started, completed or failed")
                                    String>
                            events) {}
}
