package io.viberglass.platform.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's server-sent event stream. When woken it reads the frames after the last one it queued, puts them in a
 * bounded queue, and a writer drains the queue to the client. A client that falls so far behind that the queue is
 * full is disconnected instead of holding more memory; it reconnects with {@code Last-Event-ID} and reads the rest
 * from the database, so nothing is lost. After the source's end frame the stream closes.
 */
public final class SseStream implements Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(SseStream.class);
    private static final int READ_BATCH = 200;

    /** Where frames go: the client's connection. */
    public interface Sink {
        /** Writes one frame and flushes it; may block while the client does not read. */
        void write(String frame) throws Exception;

        void close();
    }

    private final Sink sink;
    private final FrameSource source;
    private final BlockingQueue<String> queue;
    private final Executor readers;
    private final Executor writers;
    private final AtomicInteger wakes = new AtomicInteger();
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Runnable> onClose = new ArrayList<>();
    private volatile boolean ending;
    private volatile boolean overflowed;
    private long lastId;

    public SseStream(Sink sink, FrameSource source, long afterId, int capacity, Executor readers, Executor writers) {
        this.sink = sink;
        this.source = source;
        this.lastId = afterId;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.readers = readers;
        this.writers = writers;
    }

    /** Streams built by the hub use its pools. */
    public SseStream(Sink sink, FrameSource source, long afterId, int capacity, StreamHub hub) {
        this(sink, source, afterId, capacity, hub.readers(), hub.writers());
    }

    /** Runs once the stream closes, for whatever reason (unsubscribe, presence). */
    public synchronized void onClose(Runnable action) {
        onClose.add(action);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Whether the stream was cut because the client did not keep up. */
    public boolean overflowed() {
        return overflowed;
    }

    @Override
    public void wake() {
        wakes.incrementAndGet();
        if (!closed.get() && reading.compareAndSet(false, true)) {
            readers.execute(this::read);
        }
    }

    @Override
    public void offer(String frame) {
        if (closed.get()) {
            return;
        }
        if (!queue.offer(frame)) {
            overflow();
            return;
        }
        drainLater();
    }

    @Override
    public void heartbeat() {
        offer(SseFrames.HEARTBEAT);
    }

    private void read() {
        try {
            while (wakes.getAndSet(0) > 0 && !closed.get() && !ending) {
                readAll();
            }
        } catch (RuntimeException e) {
            LOG.warn("A stream failed to read its events; closing it (the client resumes): {}", e.getMessage());
            close();
        } finally {
            reading.set(false);
        }
        if (wakes.get() > 0 && !closed.get() && !ending && reading.compareAndSet(false, true)) {
            readers.execute(this::read);
        }
        drainLater();
    }

    private void readAll() {
        while (!closed.get()) {
            int room = queue.remainingCapacity();
            int limit = Math.max(1, Math.min(room, READ_BATCH));
            FrameSource.Batch batch = source.after(lastId, limit);
            if (room == 0 && !batch.frames().isEmpty()) {
                overflow(); // a full queue behind, and still more to send
                return;
            }
            for (FrameSource.Frame frame : batch.frames()) {
                if (!queue.offer(frame.text())) {
                    overflow();
                    return;
                }
                lastId = frame.id();
            }
            if (!batch.frames().isEmpty() && batch.frames().size() == limit) {
                continue; // maybe more
            }
            if (batch.end() != null) {
                ending = true;
                if (!queue.offer(batch.end())) {
                    overflow();
                }
            }
            return;
        }
    }

    private void drainLater() {
        if (!closed.get() && !queue.isEmpty() && writing.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        try {
            for (String frame = queue.poll(); frame != null && !closed.get(); frame = queue.poll()) {
                sink.write(frame);
            }
            if (ending && queue.isEmpty()) {
                close();
            }
        } catch (Exception e) {
            close(); // the client went away
        } finally {
            writing.set(false);
        }
        drainLater();
    }

    private void overflow() {
        overflowed = true;
        LOG.info(
                "Disconnecting a stream client that fell {} frames behind; it resumes from its last event id",
                queue.size());
        close();
    }

    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        // closing may wait for a write blocked on the client's socket: never on the caller's thread
        writers.execute(sink::close);
        List<Runnable> actions;
        synchronized (this) {
            actions = List.copyOf(onClose);
        }
        actions.forEach(Runnable::run);
    }
}
