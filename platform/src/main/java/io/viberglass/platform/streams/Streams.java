package io.viberglass.platform.streams;

import io.viberglass.platform.sessions.SessionSettings;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.function.Consumer;
import org.glassfish.jersey.server.ChunkedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens server-sent event streams for resources: the response is a Jersey {@link ChunkedOutput}, so no request thread
 * waits while the stream is open; frames are written by the hub's writers as the topic wakes.
 */
public class Streams {
    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private final StreamHub hub;
    private final int capacity;

    public Streams(StreamHub hub, SessionSettings settings) {
        this.hub = hub;
        this.capacity = settings.getClientQueueCapacity();
    }

    /** The notifications the database triggers send once a change to a session or a job commits: a topic each. */
    static final String CHANNEL = "viberglass_stream";

    /**
     * The hub, started and stopped with the application, woken by the replica's database listener: whichever instance
     * took the write, every instance hears it. After a reconnect every topic is woken once, since notifications sent
     * meanwhile are gone.
     */
    public static Streams register(
            io.dropwizard.core.setup.Environment environment,
            SessionSettings settings,
            io.viberglass.platform.infra.db.DatabaseNotifications notifications) {
        StreamHub hub = new StreamHub(
                java.time.Duration.ofMillis(settings.getHeartbeatInterval().toMilliseconds()),
                settings.getStreamThreads());
        environment.lifecycle().manage(hub);
        notifications.subscribe(CHANNEL, hub::wake, hub::wakeAll);
        return new Streams(hub, settings);
    }

    public StreamHub hub() {
        return hub;
    }

    /**
     * Answers the stream of {@code topic} from after {@code afterId}; {@code opened} sees the stream before it starts
     * (to count presence and to act when it closes).
     */
    public Response open(String topic, FrameSource source, long afterId, Consumer<SseStream> opened) {
        ChunkedOutput<String> output = new ChunkedOutput<>(String.class);
        SseStream stream = new SseStream(
                new SseStream.Sink() {
                    @Override
                    public void write(String frame) throws IOException {
                        output.write(frame);
                    }

                    @Override
                    public void close() {
                        try {
                            output.close();
                        } catch (IOException e) {
                            LOG.debug("Closing a stream failed: {}", e.getMessage());
                        }
                    }
                },
                source,
                afterId,
                capacity,
                hub);
        AutoCloseable subscription = hub.subscribe(topic, stream);
        stream.onClose(() -> {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribing a stream failed: {}", e.getMessage());
            }
        });
        opened.accept(stream);
        stream.offer(": connected\n\n"); // commits the response headers at once
        stream.wake();
        return Response.ok(output)
                .type(SseFrames.MEDIA_TYPE)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .build();
    }
}
