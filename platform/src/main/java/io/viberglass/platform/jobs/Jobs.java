package io.viberglass.platform.jobs;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.util.List;

/** Wires the jobs feature's resources; the services are built in {@code PlatformApplication}. */
public final class Jobs {
    private Jobs() {}

    public static void register(JerseyEnvironment jersey, JobService jobs, CallbackService callbacks, RunService runs) {
        jersey.register(new JobsResource(jobs));
        jersey.register(new JobCallbacksResource(callbacks));
        jersey.register(new TicketRunsResource(runs));
    }

    /** The listeners every job transition notifies, in order. */
    public static List<JobListener> listeners(TicketRunEffects tickets) {
        return List.of(tickets);
    }
}
