package io.viberglass.platform.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's server-sent event stream. When woken it reads the frames after the last one it queued, puts them in a
 * bounded queue, and a writer drains the queue to the client; while the queue is full the reader stops, and the writer
 * wakes it again once half the queue is free (the frames wait in the database meanwhile, so a client replaying a long
 * log never holds more than the queue). A client that takes nothing for two heartbeat intervals while frames wait is
 * disconnected, and so is a stream whose read from the database failed: either
 * way the stream's last frame is a {@code reconnect} event (without an id, so the client's last event id stays that of
 * the last line it got), and the client reconnects with {@code Last-Event-ID} and reads the rest from the database, so
 * nothing is lost or repeated. After the source's end frame the stream closes.
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
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean awaitingRoom = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final int capacity;
    private long writtenAtTick = -1;
    private int stuckTicks;
    private final List<Runnable> onClose = new ArrayList<>();
    private volatile boolean ending;
    private volatile boolean overflowed;
    private volatile String farewell;
    private long lastId;

    public SseStream(Sink sink, FrameSource source, long afterId, int capacity, Executor readers, Executor writers) {
        this.sink = sink;
        this.source = source;
        this.lastId = afterId;
        this.capacity = capacity;
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

    /**
     * Sends a heartbeat to an idle client. A client with frames waiting that took none of them in two heartbeat
     * intervals in a row (its socket is full: a stalled network, a suspended laptop) is cut with a reconnect event,
     * which frees its writer thread; reading on after the last id it got costs it nothing.
     */
    @Override
    public void heartbeat() {
        long done = written.get();
        boolean stuck = !queue.isEmpty() && done == writtenAtTick;
        writtenAtTick = done;
        stuckTicks = stuck ? stuckTicks + 1 : 0;
        if (stuckTicks >= 2) {
            overflow();
        } else if (queue.isEmpty()) {
            offer(SseFrames.HEARTBEAT);
        }
    }

    private void read() {
        try {
            while (wakes.getAndSet(0) > 0 && !closed.get() && !ending) {
                readAll();
            }
        } catch (RuntimeException e) {
            LOG.warn("A stream failed to read its events; closing it (the client resumes): {}", e.getMessage());
            drop(SseFrames.RECONNECT_UNAVAILABLE);
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
            if (room == 0) {
                // the rest waits in the database until the writer has made room: read on then (it wakes this stream)
                awaitingRoom.set(true);
                if (queue.remainingCapacity() == 0 || !awaitingRoom.compareAndSet(true, false)) {
                    return;
                }
                continue; // the writer made room in between
            }
            int limit = Math.min(room, READ_BATCH);
            FrameSource.Batch batch = source.after(lastId, limit);
            boolean full = false;
            for (FrameSource.Frame frame : batch.frames()) {
                if (!queue.offer(frame.text())) {
                    full = true; // a presence frame took the room: read the rest once there is room again
                    break;
                }
                lastId = frame.id();
            }
            if (full || batch.frames().size() == limit) {
                continue; // maybe more
            }
            if (batch.end() != null) {
                if (!queue.offer(batch.end())) {
                    continue;
                }
                ending = true;
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
                written.incrementAndGet();
                if (queue.size() <= capacity / 2 && awaitingRoom.compareAndSet(true, false)) {
                    wake(); // the reader stopped at a full queue: it reads on now that half is free
                }
            }
            if (ending && queue.isEmpty()) {
                close();
            }
        } catch (Exception e) {
            farewell = null; // the client went away: nobody to say goodbye to
            close();
        } finally {
            writing.set(false);
        }
        if (closed.get()) {
            finishLater();
        } else {
            drainLater();
        }
    }

    /**
     * The farewell and the close run on a writer, after any write in progress: the writing flag keeps one writer per
     * stream, so the farewell is the last frame on the wire, and closing, which may wait for a write blocked on the
     * client's socket, never runs on the caller's thread.
     */
    private void finishLater() {
        if (writing.compareAndSet(false, true)) {
            writers.execute(this::finish);
        }
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        String last = farewell;
        if (last != null) {
            try {
                sink.write(last);
            } catch (Exception e) {
                LOG.debug("A dropped stream's client did not take its reconnect event: {}", e.getMessage());
            }
        }
        sink.close();
    }

    private void overflow() {
        overflowed = true;
        LOG.info(
                "Disconnecting a stream client that fell {} frames behind; it resumes from its last event id",
                queue.size());
        drop(SseFrames.RECONNECT_BEHIND);
    }

    /** Closes the stream with a last event telling the client to reconnect and resume after its last event id. */
    private void drop(String reconnect) {
        if (!closed.get()) {
            farewell = reconnect;
            close();
        }
    }

    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        queue.clear();
        finishLater();
        List<Runnable> actions;
        synchronized (this) {
            actions = List.copyOf(onClose);
        }
        actions.forEach(Runnable::run);
    }
}
