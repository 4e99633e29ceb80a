package io.viberglass.platform.projects;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wires the projects feature. */
public final class Projects {
    private Projects() {}

    public static ProjectService register(
            JerseyEnvironment jersey, Jdbi jdbi, Clock clock, ProjectAccess access, ProjectListener listener) {
        ProjectService service = new ProjectService(
                jdbi,
                clock,
                List.of(RepositoryReadiness.repository(), RepositoryReadiness.scmCredential(clock)),
                listener);
        jersey.register(new ProjectsResource(service, access));
        jersey.register(new ProjectResource(service, access));
        return service;
    }
}
