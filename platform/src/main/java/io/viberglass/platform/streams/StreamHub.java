package io.viberglass.platform.streams;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-process notifier behind every stream and long poll: subscribers register per topic and are woken when the
 * database says the topic changed ({@link Streams#register}). Each woken subscriber then reads what is new after its own
 * last id, so no client polls the database and a wake-up never carries data that could be lost.
 *
 * <p>Reads run on a small fixed pool; writes to clients run on their own threads (a write may block on a slow
 * client's socket until the client's bounded queue overflows and it is disconnected).
 */
public class StreamHub implements Managed {
    private final Map<String, Set<Subscriber>> topics = new ConcurrentHashMap<>();
    private final Duration heartbeat;
    private final ExecutorService readers;
    private final ExecutorService writers;
    private final ScheduledExecutorService ticker;

    public StreamHub(Duration heartbeat, int readerThreads) {
        this.heartbeat = heartbeat;
        this.readers = Executors.newFixedThreadPool(readerThreads, named("stream-reader"));
        this.writers = Executors.newCachedThreadPool(named("stream-writer"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("stream-heartbeat"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public static String sessionTopic(Object sessionId) {
        return "session:" + sessionId;
    }

    public static String jobTopic(Object jobId) {
        return "job:" + jobId;
    }

    @Override
    public void start() {
        long millis = heartbeat.toMillis();
        ticker.scheduleAtFixedRate(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ticker.shutdownNow();
        readers.shutdownNow();
        writers.shutdownNow();
    }

    /** Registers {@code subscriber}; closing the answer removes it. */
    public AutoCloseable subscribe(String topic, Subscriber subscriber) {
        topics.computeIfAbsent(topic, key -> new CopyOnWriteArraySet<>()).add(subscriber);
        return () -> topics.computeIfPresent(topic, (key, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    public void wake(String topic) {
        Set<Subscriber> subscribers = topics.get(topic);
        if (subscribers != null) {
            subscribers.forEach(Subscriber::wake);
        }
    }

    void wakeAll() {
        topics.values().forEach(set -> set.forEach(Subscriber::wake));
    }

    /** Sends a frame that is not stored (presence) to every client of a topic. */
    public void broadcast(String topic, String frame) {
        Set<Subscriber> subscribers = topics.get(topic);
        if (subscribers != null) {
            subscribers.forEach(subscriber -> subscriber.offer(frame));
        }
    }

    public int subscribers(String topic) {
        Set<Subscriber> subscribers = topics.get(topic);
        return subscribers == null ? 0 : subscribers.size();
    }

    private void heartbeat() {
        topics.values().forEach(set -> set.forEach(Subscriber::heartbeat));
    }

    ExecutorService readers() {
        return readers;
    }

    ExecutorService writers() {
        return writers;
    }

    /** Runs a re-check off the caller's thread (a long poll's timeout, a wake-up). */
    public void read(Runnable task) {
        readers.execute(task);
    }
}
