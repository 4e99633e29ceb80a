package io.viberglass.platform.projects;

import org.jdbi.v3.core.Handle;

/**
 * One item of a project's readiness checklist. Features contribute their own checks (the repository here; agent
 * runners and their credentials from the clankers feature).
 */
public interface ReadinessCheck {
    Readiness.Check evaluate(Handle handle, Project project);
}
