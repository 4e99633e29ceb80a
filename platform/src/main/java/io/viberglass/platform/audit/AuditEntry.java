package io.viberglass.platform.audit;

import io.viberglass.platform.auth.Actor;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** One thing to write to the audit log, built fluently: {@code AuditEntry.by(actor, "user.role_changed")...}. */
public record AuditEntry(
        String actor,
        UUID actorUserId,
        String action,
        String targetType,
        String targetId,
        UUID projectId,
        String ip,
        Map<String, String> details) {

    public static AuditEntry by(Actor actor, String action) {
        return new AuditEntry(actor.getName(), actor.userId(), action, null, null, null, null, Map.of());
    }

    /** For events without a signed-in actor, such as a failed login: the claimed name is the actor. */
    public static AuditEntry anonymous(String claimed, String action) {
        return new AuditEntry(claimed, null, action, null, null, null, null, Map.of());
    }

    public AuditEntry target(String type, Object id) {
        return new AuditEntry(actor, actorUserId, action, type, String.valueOf(id), projectId, ip, details);
    }

    public AuditEntry project(UUID project) {
        return new AuditEntry(actor, actorUserId, action, targetType, targetId, project, ip, details);
    }

    public AuditEntry from(String address) {
        return new AuditEntry(actor, actorUserId, action, targetType, targetId, projectId, address, details);
    }

    public AuditEntry detail(String key, Object value) {
        Map<String, String> merged = new TreeMap<>(details);
        merged.put(key, value == null ? null : String.valueOf(value));
        return new AuditEntry(actor, actorUserId, action, targetType, targetId, projectId, ip, merged);
    }
}
