package io.viberglass.platform.tickets;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A new ticket. Created in {@code research} unless {@code workflowPhase} says otherwise, which then needs a reason
 * (skipping research or planning is audited).
 */
public record CreateTicketRequest(
        @NotNull UUID projectId,
        @NotBlank @Size(max = 500) String title,
        @Size(max = 100_000) String description,
        Severity severity,
        @Size(min = 1, max = 100) String category,
        @Size(max = 100) Map<@Size(max = 100) String, Object> metadata,
        @Size(max = 200) List<@NotNull Map<String, Object>> annotations,
        Boolean autoFixRequested,
        WorkflowPhase workflowPhase,
        @Size(max = 2000) String workflowOverrideReason,
        @Size(max = 255) String externalTicketId,
        @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
                String externalTicketUrl) {}
