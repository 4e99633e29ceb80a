package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.secrets.JobSecrets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Consumer;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.servlet.async.AsyncContextDelegateProviderImpl;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider;
import org.jdbi.v3.core.Jdbi;

/**
 * Wires the model proxy, the usage API and the cost controls; the broker ({@link ModelBroker}) and the budget guard
 * ({@link BudgetGuard}) are built earlier, with dispatch and the job queue, which call them.
 */
public final class Llm {
    private Llm() {}

    /** What the proxy works with from other features. */
    public record Needs(
            JobSecrets secrets,
            BudgetGuard budgets,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            Consumer<UUID> stopExecution,
            ProjectAccess access,
            AuditLog audit) {}

    public static void register(
            Environment environment, Jdbi jdbi, Clock clock, LlmSettings settings, ObjectMapper mapper, Needs needs) {
        JerseyEnvironment jersey = environment.jersey();
        // the servlet's async support is found through META-INF/services, which the application turns off for
        // providers; event streams need it (a ChunkedOutput suspends its response)
        jersey.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(new AsyncContextDelegateProviderImpl()).to(AsyncContextDelegateProvider.class);
            }
        });
        ExecutorService streams = environment
                .lifecycle()
                .executorService("llm-stream-%d")
                .minThreads(0)
                .maxThreads(Integer.MAX_VALUE)
                .workQueue(new SynchronousQueue<>())
                .keepAliveTime(io.dropwizard.util.Duration.seconds(60))
                .build();
        UsageRecorder recorder = new UsageRecorder(jdbi, new Pricing(settings.getPrices()));
        RunStopper stopper = new RunStopper(jdbi, clock, needs.lifecycle(), needs.listeners(), needs.stopExecution());
        environment
                .lifecycle()
                .manage(new StuckRunDetector(
                        jdbi, clock, settings.getStuckRuns(), needs.lifecycle(), needs.audit(), stopper));
        QuotaPauses pauses = new QuotaPauses(jdbi, clock, needs.audit());
        ModelProxy proxy = new ModelProxy(
                jdbi, clock, settings, needs.secrets(), recorder, needs.budgets(), stopper, pauses, mapper);
        jersey.register(new ModelProxyResource(proxy, streams));
        UsageService usage = new UsageService(jdbi, clock);
        jersey.register(new UsageResources.Jobs(usage, needs.access()));
        jersey.register(new UsageResources.Tickets(usage, needs.access()));
        jersey.register(new UsageResources.Projects(usage, needs.access()));
        jersey.register(new UsageResources.Clankers(usage, needs.access()));
        jersey.register(
                new CostControlsResource(new CostControlsService(jdbi, clock, needs.audit(), pauses), needs.access()));
        jersey.register(new ProjectCostControlsResource(
                new ProjectCostControlsService(jdbi, clock, needs.audit()), needs.access()));
    }
}
