package io.viberglass.platform.jobs;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;

/** Wires the jobs feature's resources; the services are built in {@code PlatformApplication}. */
public final class Jobs {
    private Jobs() {}

    public static void register(
            JerseyEnvironment jersey, JobService jobs, CallbackService callbacks, ProjectAccess access) {
        jersey.register(new JobsResource(jobs, access));
        jersey.register(new JobCallbacksResource(callbacks));
    }
}
