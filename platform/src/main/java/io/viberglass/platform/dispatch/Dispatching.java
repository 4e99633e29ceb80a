package io.viberglass.platform.dispatch;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.jobs.JobLifecycle;
import io.viberglass.platform.jobs.JobListener;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** Wires dispatch: invokers, the wake-up signal, the dispatcher loop and the scheduled sweeper. */
public final class Dispatching {
    private Dispatching() {}

    public static Dispatcher register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            DispatchSettings settings,
            DataSourceFactory database,
            String publicUrl,
            JobLifecycle lifecycle,
            List<JobListener> listeners,
            CredentialResolver credentials,
            CredentialBroker broker,
            List<WorkerInvoker> invokers,
            DatabaseNotifications notifications) {
        AtomicInteger port = new AtomicInteger();
        environment.lifecycle().addServerLifecycleListener(server -> port.set(localPort(server)));
        PlatformUrls urls = new PlatformUrls(
                publicUrl,
                () -> settings.getLocal().getPlatformUrl() != null
                        ? settings.getLocal().getPlatformUrl()
                        : "http://127.0.0.1:" + port.get());
        DispatchSignal signal = new DispatchSignal(notifications);
        Dispatcher dispatcher = new Dispatcher(
                jdbi,
                clock,
                settings,
                new Invokers(invokers),
                credentials,
                broker,
                lifecycle,
                listeners,
                urls,
                signal,
                instanceName());
        if (settings.isEnabled()) {
            environment.lifecycle().manage(dispatcher);
            ManagedDataSource schedulerPool = database.build(environment.metrics(), "scheduler");
            environment.lifecycle().manage(schedulerPool);
            JobSweeper sweeper = new JobSweeper(jdbi, clock, settings, lifecycle, listeners, dispatcher);
            environment
                    .lifecycle()
                    .manage(new SweeperSchedule(
                            schedulerPool,
                            sweeper,
                            Duration.ofMillis(settings.getSweepInterval().toMilliseconds())));
        }
        return dispatcher;
    }

    private static int localPort(org.eclipse.jetty.server.Server server) {
        for (var connector : server.getConnectors()) {
            if (connector instanceof org.eclipse.jetty.server.NetworkConnector network
                    && "application".equals(connector.getName())) {
                return network.getLocalPort();
            }
        }
        return 0;
    }

    /** Host, process and a random suffix: unique per running replica, readable in the jobs table. */
    static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
