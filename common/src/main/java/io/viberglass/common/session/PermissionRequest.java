package io.viberglass.common.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /api/jobs/{id}/permission-requests}: the agent asked to run a tool and waits for a person.
 * The platform answers with {@link PermissionRequestCreated}; the worker then long-polls for the decision.
 *
 * @param toolCallId the ACP tool call the request is about, if any
 * @param title what the agent wants to do, already redacted
 */
public record PermissionRequest(
        @Size(max = 200) String toolCallId,
        @NotBlank @Size(max = 10_000) String title,
        @NotNull @Size(min = 1, max = 20) List<@Valid @NotNull PermissionOption> options) {}
