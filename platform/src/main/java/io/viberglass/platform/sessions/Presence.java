package io.viberglass.platform.sessions;

import io.viberglass.platform.streams.StreamHub;
import io.viberglass.platform.streams.Subscriber;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who has a session's event stream open, across every replica. Each replica counts its own connections per person
 * (two tabs are one presence) and mirrors them into {@code session_presence}, a row per person it serves; a person is
 * present while any replica has a row for them. A row appearing or going notifies every replica, and each one compares
 * the session's people with what its own watchers were last told: who is new gets {@code user_joined}, who is gone
 * {@code user_left}, and any change the new {@code presence_update} list. Telling by difference makes the frames right
 * whichever replica wrote, however notifications interleave, and after the listener missed some (it recomputes every
 * session it serves once it listens again).
 *
 * <p>The memory of this replica's connections is the truth its rows follow: {@link #refresh} rewrites them when a write
 * failed or another replica expired them while this one was unreachable.
 */
final class Presence {
    private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
    private static final int STRIPES = 64;

    private record Local(Acting acting, int connections) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final UUID replicaId;
    private final StreamHub hub;
    private final PresenceFrames frames;
    /** Work on one session (its connections, rows and frames) is serialized under its stripe. */
    private final Object[] stripes = new Object[STRIPES];
    /** This replica's connections per session and person; guarded by the session's stripe. */
    private final Map<UUID, Map<String, Local>> mine = new ConcurrentHashMap<>();
    /** Who this replica's watchers of a session were last told is present; guarded by the session's stripe. */
    private final Map<UUID, List<PresenceDao.Present>> told = new ConcurrentHashMap<>();
    /** How many rows this replica should have: one per session and person it serves. */
    private final AtomicInteger rows = new AtomicInteger();

    private volatile boolean rowsOutOfStep;
    private volatile boolean released;

    Presence(Jdbi jdbi, Clock clock, UUID replicaId, StreamHub hub, PresenceFrames frames) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.replicaId = replicaId;
        this.hub = hub;
        this.frames = frames;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** A stream of the session opened for {@code acting}; the stream is told who is present if nobody else is. */
    void join(UUID sessionId, Acting acting, Subscriber stream) {
        synchronized (stripe(sessionId)) {
            Map<String, Local> people = mine.computeIfAbsent(sessionId, id -> new HashMap<>());
            if (people.isEmpty()) {
                told.put(sessionId, present(sessionId).orElse(List.of())); // what the first watcher here starts from
            }
            Local before = people.get(acting.presenceKey());
            if (before == null) {
                rows.incrementAndGet();
            }
            int connections = before == null ? 1 : before.connections() + 1;
            people.put(acting.presenceKey(), new Local(acting, connections));
            write(dao -> hold(dao, sessionId, acting, connections));
            if (!announce(sessionId)) {
                stream.offer(frames.update(told.getOrDefault(sessionId, List.of())));
            }
        }
    }

    void leave(UUID sessionId, Acting acting) {
        synchronized (stripe(sessionId)) {
            Map<String, Local> people = mine.get(sessionId);
            Local before = people == null ? null : people.get(acting.presenceKey());
            if (before == null) {
                return;
            }
            if (before.connections() == 1) {
                people.remove(acting.presenceKey());
                rows.decrementAndGet();
                write(dao -> dao.release(sessionId, acting.presenceKey(), replicaId));
            } else {
                people.put(acting.presenceKey(), new Local(before.acting(), before.connections() - 1));
                write(dao -> hold(dao, sessionId, before.acting(), before.connections() - 1));
            }
            if (people.isEmpty()) {
                mine.remove(sessionId); // nobody here watches it any more: the other replicas tell theirs
                told.remove(sessionId);
            } else {
                announce(sessionId);
            }
        }
    }

    /** The presence keys of everyone connected to the session on any replica. */
    Set<String> online(UUID sessionId) {
        return keys(jdbi.withExtension(PresenceDao.class, dao -> dao.present(sessionId)));
    }

    /** A replica added or removed someone in the session (a notification, on the listener's thread). */
    void changed(String sessionId) {
        UUID id = UUID.fromString(sessionId);
        if (told.containsKey(id)) {
            hub.read(() -> recompute(id));
        }
    }

    /** The listener (re)connected and may have missed changes: compare every session watched here again. */
    void changedAnywhere() {
        told.keySet().forEach(id -> hub.read(() -> recompute(id)));
    }

    /**
     * The heartbeat: marks this replica's rows as alive, and rewrites them from memory when they are not what it
     * holds (a write failed, or other replicas expired them while this one could not reach the database).
     */
    void refresh() {
        int expected = rows.get();
        int refreshed = jdbi.withExtension(PresenceDao.class, dao -> dao.refresh(replicaId, clock.instant()));
        if (rowsOutOfStep || refreshed != expected) {
            rowsOutOfStep = false;
            Set<UUID> sessions = new HashSet<>(mine.keySet());
            sessions.addAll(jdbi.withExtension(PresenceDao.class, dao -> dao.sessionsHeldBy(replicaId)));
            sessions.forEach(this::rewrite);
        }
    }

    /** Deletes the rows of replicas that have not refreshed them for {@code staleAfter}; every replica then tells. */
    int expire(Duration staleAfter) {
        List<UUID> sessions = jdbi.withExtension(
                PresenceDao.class, dao -> dao.expire(clock.instant().minus(staleAfter)));
        if (!sessions.isEmpty()) {
            LOG.info("Expired {} presence row(s) of replicas that stopped refreshing them", sessions.size());
        }
        return sessions.size();
    }

    /** A clean shutdown: this replica's people leave at once rather than when their rows expire. */
    void releaseAll() {
        released = true;
        jdbi.useExtension(PresenceDao.class, dao -> dao.releaseReplica(replicaId));
    }

    private void recompute(UUID sessionId) {
        synchronized (stripe(sessionId)) {
            announce(sessionId);
        }
    }

    /** Compares the session's people with what watchers here were told, and tells them the difference. */
    private boolean announce(UUID sessionId) {
        List<PresenceDao.Present> before = told.get(sessionId);
        if (before == null) {
            return false;
        }
        List<PresenceDao.Present> after = present(sessionId).orElse(null);
        if (after == null) {
            return false;
        }
        told.put(sessionId, after);
        Set<String> was = keys(before);
        Set<String> is = keys(after);
        List<String> changes = new ArrayList<>();
        after.stream().filter(p -> !was.contains(p.presenceKey())).forEach(p -> changes.add(frames.joined(p)));
        before.stream().filter(p -> !is.contains(p.presenceKey())).forEach(p -> changes.add(frames.left(p)));
        if (changes.isEmpty()) {
            return false;
        }
        String topic = StreamHub.sessionTopic(sessionId);
        changes.forEach(frame -> hub.broadcast(topic, frame));
        hub.broadcast(topic, frames.update(after));
        return true;
    }

    private void rewrite(UUID sessionId) {
        synchronized (stripe(sessionId)) {
            Map<String, Local> people = mine.getOrDefault(sessionId, Map.of());
            write(dao -> {
                dao.releaseAllBut(sessionId, replicaId, List.copyOf(people.keySet()));
                people.values().forEach(local -> hold(dao, sessionId, local.acting(), local.connections()));
            });
            announce(sessionId);
        }
    }

    private void hold(PresenceDao dao, UUID sessionId, Acting acting, int connections) {
        dao.hold(
                sessionId,
                acting.presenceKey(),
                replicaId,
                acting.userId(),
                acting.name(),
                connections,
                clock.instant());
    }

    /** A failed write leaves the rows behind memory until the next heartbeat rewrites them; a stream never fails. */
    private void write(Consumer<PresenceDao> change) {
        if (released) {
            return; // shutting down: the rows are gone already
        }
        try {
            jdbi.useTransaction(handle -> change.accept(handle.attach(PresenceDao.class)));
        } catch (RuntimeException e) {
            rowsOutOfStep = true;
            LOG.warn("Could not record presence, retrying at the next heartbeat: {}", e.getMessage());
        }
    }

    private Optional<List<PresenceDao.Present>> present(UUID sessionId) {
        try {
            return Optional.of(jdbi.withExtension(PresenceDao.class, dao -> dao.present(sessionId)));
        } catch (RuntimeException e) {
            LOG.warn("Could not read the presence of session {}: {}", sessionId, e.getMessage());
            return Optional.empty();
        }
    }

    private static Set<String> keys(List<PresenceDao.Present> people) {
        return people.stream().map(PresenceDao.Present::presenceKey).collect(Collectors.toSet());
    }

    private Object stripe(UUID sessionId) {
        return stripes[Math.floorMod(sessionId.hashCode(), STRIPES)];
    }
}
