package io.viberglass.platform.sessions;

import java.util.List;

/** {@code GET /api/agent-sessions/{id}}: the session, all its turns, its latest events and the open request. */
public record SessionDetail(
        SessionView session,
        List<AgentTurn> turns,
        List<SessionEventRow> latestEvents,
        PendingRequest pendingRequest) {}
