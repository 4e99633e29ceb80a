package io.viberglass.platform.clankers;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.platform.infra.lifecycle.PollingLoop;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of provisioning (a pull or a function creation takes minutes, never on a request thread) and the ticker
 * that resumes stale provisionings and runs the availability check. Stopping interrupts provisionings in flight; they
 * stay {@code deploying} and are resumed after {@code provisioningStaleAfter}.
 */
public class ProvisioningRunner implements Managed, java.util.concurrent.Executor {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningRunner.class);

    private final ExecutorService workers;
    private final Duration tick;
    private final PollingLoop ticker = new PollingLoop("clanker-availability", this::tickSafely);
    private Runnable onTick = () -> {};

    public ProvisioningRunner(int threads, Duration tick) {
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "clanker-provisioning-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.tick = tick;
    }

    /** What each tick does: resume stale provisionings, check due clankers. Set once, while wiring. */
    public void onTick(Runnable onTick) {
        this.onTick = onTick;
    }

    @Override
    public void execute(Runnable command) {
        workers.execute(command);
    }

    @Override
    public void start() {
        ticker.start(tick);
    }

    private void tickSafely() {
        try {
            onTick.run();
        } catch (RuntimeException e) {
            LOG.warn("The clanker availability round failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        ticker.stop(Duration.ZERO);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
