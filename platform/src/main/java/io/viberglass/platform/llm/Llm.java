package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.secrets.JobSecrets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.servlet.async.AsyncContextDelegateProviderImpl;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider;
import org.jdbi.v3.core.Jdbi;

/** Wires the model proxy and the usage API; the broker itself is built with dispatch, which calls it. */
public final class Llm {
    private Llm() {}

    public static void register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            LlmSettings settings,
            JobSecrets secrets,
            ObjectMapper mapper,
            ProjectAccess access,
            AuditLog audit) {
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
        jersey.register(
                new ModelProxyResource(new ModelProxy(jdbi, clock, settings, secrets, recorder, mapper), streams));
        UsageService usage = new UsageService(jdbi, clock);
        jersey.register(new UsageResources.Jobs(usage, access));
        jersey.register(new UsageResources.Tickets(usage, access));
        jersey.register(new UsageResources.Projects(usage, access));
        jersey.register(new UsageResources.Clankers(usage, access));
        jersey.register(new CostControlsResource(new CostControlsService(jdbi, clock, audit), access));
    }
}
