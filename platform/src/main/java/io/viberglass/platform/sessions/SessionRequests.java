package io.viberglass.platform.sessions;

import io.viberglass.common.job.JobKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the session routes. */
public final class SessionRequests {
    private SessionRequests() {}

    static final int MAX_MESSAGE = 20_000;

    /** {@code POST /api/tickets/{id}/agent-sessions}. */
    public record Launch(
            @NotNull JobKind mode, @NotNull UUID clankerId, @NotBlank @Size(max = MAX_MESSAGE) String message) {}

    /** {@code POST /api/agent-sessions/{id}/reply}: the answer to the agent's open question. */
    public record Reply(@NotBlank @Size(max = MAX_MESSAGE) String replyText) {}

    /** {@code POST /api/agent-sessions/{id}/message}: a free message, queued while a turn runs. */
    public record Message(@NotBlank @Size(max = MAX_MESSAGE) String messageText) {}

    /**
     * {@code POST /api/agent-sessions/{id}/approve}: the decision on the open permission request.
     *
     * @param optionId one of the request's options, which must allow when {@code approved} and reject otherwise;
     *     without it the first matching option is taken
     */
    public record Approve(@NotNull Boolean approved, @Size(max = 200) String optionId) {}
}
