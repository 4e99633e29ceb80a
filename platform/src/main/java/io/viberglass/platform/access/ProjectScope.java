package io.viberglass.platform.access;

import java.util.UUID;

/**
 * Which projects a list may show: every project (global administrators, the local administrator, the system), or
 * those a user is a member of. DAOs bind {@link #viewer()} as {@code :viewer} and filter with {@link #FILTER}.
 */
public record ProjectScope(UUID viewer) {
    /** Appended to a query whose project column is {@code project_id}; a null viewer matches everything. */
    public static final String FILTER = " (cast(:viewer as uuid) is null or project_id in "
            + "(select m.project_id from project_members m where m.user_id = :viewer)) ";

    public static ProjectScope everything() {
        return new ProjectScope(null);
    }

    public static ProjectScope memberOf(UUID userId) {
        return new ProjectScope(userId);
    }

    public boolean unrestricted() {
        return viewer == null;
    }
}
