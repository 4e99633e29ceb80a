package io.viberglass.platform.phases;

import java.util.UUID;

/**
 * Who may approve a phase document of a project. The access feature answers with the caller's project role (approver
 * or above); without authentication the one local administrator may.
 */
@FunctionalInterface
public interface Approvers {
    /** Throws when {@code actor} may not approve documents of the project. */
    void requireApprover(UUID projectId, String actor);

    static Approvers anyone() {
        return (projectId, actor) -> {};
    }
}
