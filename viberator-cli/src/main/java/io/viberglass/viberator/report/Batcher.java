package io.viberglass.viberator.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends items to the platform in batches: a batch goes out when it holds {@code maxBatch} items, {@code flushDelay}
 * after its first item, and on {@link #flush()}. Batches leave in order from one sender thread, so whoever adds (the
 * agent's output pump) never waits on the network. Sending is best effort: a batch the sender could not take is lost.
 *
 * @param <T> an item
 * @param <B> a batch as it is sent; {@code seal} makes it from the buffered items, under the lock, so batches are made
 *     (and may be numbered) in the order their items came
 */
public final class Batcher<T, B> implements AutoCloseable {
    private final int maxBatch;
    private final Duration flushDelay;
    private final Function<List<T>, B> seal;
    private final Consumer<B> send;
    private final ScheduledExecutorService sender;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private ScheduledFuture<?> scheduledFlush;

    public Batcher(String threadName, int maxBatch, Duration flushDelay, Function<List<T>, B> seal, Consumer<B> send) {
        this.maxBatch = maxBatch;
        this.flushDelay = flushDelay;
        this.seal = seal;
        this.send = send;
        this.sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void add(T item) {
        synchronized (lock) {
            pending.add(item);
            if (pending.size() >= maxBatch) {
                B full = takePending();
                sender.execute(() -> send.accept(full));
            } else if (scheduledFlush == null) {
                scheduledFlush = sender.schedule(this::sendPending, flushDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Sends whatever is buffered and waits until every batch queued before it has been sent, in order. */
    public void flush() {
        try {
            sender.submit(this::sendPending).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            // the batch is lost: batches are best effort, and what follows them (a result) still goes out
        }
    }

    @Override
    public void close() {
        flush();
        sender.shutdownNow();
    }

    private void sendPending() {
        B batch;
        synchronized (lock) {
            batch = takePending();
        }
        if (batch != null) {
            send.accept(batch);
        }
    }

    /** The buffered items as a batch, or {@code null} when nothing is buffered. */
    private B takePending() {
        if (scheduledFlush != null) {
            scheduledFlush.cancel(false);
            scheduledFlush = null;
        }
        if (pending.isEmpty()) {
            return null;
        }
        B batch = seal.apply(pending);
        pending = new ArrayList<>();
        return batch;
    }
}
