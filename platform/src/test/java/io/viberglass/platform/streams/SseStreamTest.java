package io.viberglass.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One client's stream: what it reads, how much it holds for a slow client, and when it lets go. */
class SseStreamTest {
    private final ExecutorService readers = Executors.newFixedThreadPool(2);
    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        readers.shutdownNow();
        writers.shutdownNow();
    }

    /** A stored timeline of {@code size} entries (ids 1..size), with an end frame once {@code ended}. */
    private static final class Timeline implements FrameSource {
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicInteger reads = new AtomicInteger();

        Timeline(int size) {
            this.size.set(size);
        }

        @Override
        public Batch after(long afterId, int limit) {
            reads.incrementAndGet();
            boolean over = ended.get(); // read first, as the real sources do
            List<Frame> frames = LongStream.rangeClosed(afterId + 1, Math.min(size.get(), afterId + limit))
                    .mapToObj(id -> new Frame(id, SseFrames.event(id, null, "{\"n\":" + id + "}")))
                    .toList();
            return new Batch(frames, over && frames.size() < limit ? SseFrames.event(null, "end", "{}") : null);
        }
    }

    /** A client that reads everything at once. */
    private static final class FastClient implements SseStream.Sink {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void write(String frame) {
            frames.add(frame);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** A client that stops reading: its first write never returns until the test lets it. */
    private static final class StuckClient implements SseStream.Sink {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        final List<String> frames = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void write(String frame) throws InterruptedException {
            writes.incrementAndGet();
            release.await();
            frames.add(frame);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aFastClientGetsEveryFrameAfterItsLastIdInOrder_thenTheEnd_andTheStreamCloses() {
        Timeline timeline = new Timeline(450);
        FastClient client = new FastClient();
        SseStream stream = new SseStream(client, timeline, 10, 512, readers, writers);

        stream.wake();
        Awaitility.await().until(() -> client.frames.size() == 440);
        timeline.size.set(455);
        timeline.ended.set(true);
        stream.wake();

        Awaitility.await().untilAsserted(() -> assertThat(client.closed).isTrue());
        assertThat(client.frames).hasSize(446);
        assertThat(client.frames.get(0)).startsWith("id: 11\n");
        assertThat(client.frames.get(444)).startsWith("id: 455\n");
        assertThat(client.frames.get(445)).startsWith("event: end\n");
        assertThat(stream.overflowed()).isFalse();
    }

    @Test
    void aClientThatTakesNothingForTwoHeartbeatsIsCutWithAReconnectEvent_insteadOfHoldingItsWriter() {
        Timeline timeline = new Timeline(5);
        StuckClient client = new StuckClient();
        SseStream stream = new SseStream(client, timeline, 0, 16, readers, writers);
        AtomicBoolean unsubscribed = new AtomicBoolean();
        stream.onClose(() -> unsubscribed.set(true));

        stream.wake();
        Awaitility.await().until(() -> client.writes.get() == 1); // stuck writing frame 1; 2..5 wait in the queue
        timeline.size.set(40);
        stream.wake();
        Awaitility.await().until(() -> timeline.reads.get() >= 2);
        assertThat(stream.isClosed())
                .as("a full queue alone is no reason to cut")
                .isFalse();
        stream.heartbeat();
        stream.heartbeat();
        assertThat(stream.isClosed()).isFalse();
        stream.heartbeat(); // a second interval in a row without a frame taken

        assertThat(stream.isClosed()).isTrue();
        assertThat(stream.overflowed()).isTrue();
        assertThat(unsubscribed).isTrue();
        client.release.countDown(); // the blocked write returns; the reconnect event follows, then the close
        Awaitility.await().untilAsserted(() -> assertThat(client.closed).isTrue());
        assertThat(client.frames).hasSize(2);
        assertThat(client.frames.get(0)).startsWith("id: 1\n");
        assertThat(client.frames.get(1)).isEqualTo(SseFrames.RECONNECT_BEHIND).doesNotContain("id:");
    }

    @Test
    void aClientReplayingALongLogThroughASmallQueueGetsAllOfItInOrder_withoutBeingCut() {
        Timeline timeline = new Timeline(1000);
        timeline.ended.set(true);
        FastClient client = new FastClient();
        SseStream stream = new SseStream(client, timeline, 0, 16, readers, writers);

        stream.wake();

        Awaitility.await().untilAsserted(() -> assertThat(client.closed).isTrue());
        assertThat(stream.overflowed()).isFalse();
        assertThat(client.frames).hasSize(1001);
        assertThat(client.frames.subList(0, 1000))
                .extracting(frame -> Long.parseLong(frame.substring(4, frame.indexOf('\n'))))
                .isEqualTo(LongStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(client.frames.get(1000)).startsWith("event: end\n");
    }

    @Test
    void aSlowButKeepingUpClientIsNotDisconnected() {
        Timeline timeline = new Timeline(15);
        StuckClient client = new StuckClient();
        SseStream stream = new SseStream(client, timeline, 0, 16, readers, writers);

        stream.wake();
        Awaitility.await().until(() -> client.writes.get() == 1);
        stream.heartbeat();
        stream.wake();

        Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> timeline.reads.get() >= 2);
        assertThat(stream.isClosed()).isFalse();
        client.release.countDown();
        // 15 frames; no heartbeat, since frames were waiting (a client with data on the way needs none)
        Awaitility.await().until(() -> client.writes.get() == 15);
    }

    @Test
    void wakeUpsDuringAReadAreNotLost() throws Exception {
        Timeline timeline = new Timeline(0);
        FastClient client = new FastClient();
        SseStream stream = new SseStream(client, timeline, 0, 4096, readers, writers);
        ExecutorService producers = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 400; i++) {
                producers.execute(() -> {
                    timeline.size.incrementAndGet();
                    stream.wake();
                });
            }
        } finally {
            producers.shutdown();
        }

        Awaitility.await().until(() -> client.frames.size() == 400);
        assertThat(client.frames.get(399)).startsWith("id: 400\n");
    }
}
