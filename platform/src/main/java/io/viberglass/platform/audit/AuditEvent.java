package io.viberglass.platform.audit;

import java.time.Instant;
import java.util.UUID;

/** A stored audit event with its place in the hash chain. {@code details} is canonical JSON (sorted keys). */
public record AuditEvent(
        long seq,
        UUID id,
        Instant occurredAt,
        String actor,
        UUID actorUserId,
        String action,
        String targetType,
        String targetId,
        UUID projectId,
        String ip,
        String details,
        String previousHash,
        String hash) {}
