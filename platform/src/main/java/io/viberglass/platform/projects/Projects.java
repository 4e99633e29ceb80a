package io.viberglass.platform.projects;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wires the projects feature. */
public final class Projects {
    private Projects() {}

    public static ProjectService register(JerseyEnvironment jersey, Jdbi jdbi, Clock clock) {
        ProjectService service = new ProjectService(
                jdbi, clock, List.of(RepositoryReadiness.repository(), RepositoryReadiness.scmCredential()));
        jersey.register(new ProjectsResource(service));
        jersey.register(new ProjectResource(service));
        return service;
    }
}
