package io.viberglass.common.session;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/jobs/{id}/acp-session-id}: the agent's own session id, handed back next turn. */
public record AcpSessionId(@NotBlank @Size(max = 500) String acpSessionId) {}
