package io.viberglass.common.session;

import io.viberglass.common.job.JobKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The part of a job payload that makes it one turn of an interactive agent session: the worker starts the agent in its
 * ACP mode, resumes the agent's own session when it can, sends {@code task} as the turn's prompt, and streams what the
 * agent does back as {@link SessionEvent}s.
 *
 * @param sessionId the platform's session id
 * @param turnId the platform's id of the assistant turn this job runs
 * @param mode research, planning or execution: what the turn works on (decides documents and the pull request flow)
 * @param acpSessionId the agent's own ACP session id from the previous turn, for {@code session/load}; null on the
 *     first turn or when the agent did not report one
 * @param restoreState whether the platform holds a conversation-state archive from the previous turn, to download
 *     from {@link SessionCallbacks#statePath(String)} and unpack into the agent's home before the turn
 * @param permissionTimeoutSeconds how long the worker waits for a person to answer a permission request before it
 *     tells the agent the request was cancelled
 */
public record SessionTurn(
        @NotBlank @Size(max = 100) String sessionId,
        @NotBlank @Size(max = 100) String turnId,
        @NotNull JobKind mode,
        @Size(max = 500) String acpSessionId,
        boolean restoreState,
        @Min(1) @Max(86_400) int permissionTimeoutSeconds) {

    public static final int DEFAULT_PERMISSION_TIMEOUT_SECONDS = 900;
}
