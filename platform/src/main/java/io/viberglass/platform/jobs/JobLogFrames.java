package io.viberglass.platform.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.streams.FrameSource;
import io.viberglass.platform.streams.SseFrames;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** A run's log lines as server-sent events: {@code log} per line (id = the line id), {@code end} once the run ended. */
public class JobLogFrames {
    private final Jdbi jdbi;
    private final JsonText json;
    private final Map<UUID, Read> latest = new ConcurrentHashMap<>();
    private static final int KEPT_JOBS = 64;
    private static final long KEPT_FOR_NANOS = TimeUnit.MINUTES.toNanos(1);

    public JobLogFrames(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.json = new JsonText(mapper);
    }

    FrameSource source(UUID jobId) {
        return new FrameSource() {
            @Override
            public Batch after(long afterId, int limit) {
                return read(jobId, afterId, limit);
            }

            @Override
            public Batch after(long afterId, int limit, long wokenAt) {
                Read known = latest.get(jobId);
                if (known != null
                        && known.afterId() == afterId
                        && known.limit() == limit
                        && known.startedAt() - wokenAt >= 0) {
                    return known.batch();
                }
                return read(jobId, afterId, limit);
            }
        };
    }

    /** The latest read of a job's log, kept for the other followers of that job woken by the same commit. */
    private record Read(long afterId, int limit, long startedAt, FrameSource.Batch batch) {}

    private FrameSource.Batch read(UUID jobId, long afterId, int limit) {
        long startedAt = System.nanoTime();
        FrameSource.Batch batch = query(jobId, afterId, limit);
        latest.merge(
                jobId,
                new Read(afterId, limit, startedAt, batch),
                (old, fresh) -> fresh.startedAt() - old.startedAt() >= 0 ? fresh : old);
        if (latest.size() > KEPT_JOBS) {
            long stale = startedAt - KEPT_FOR_NANOS;
            latest.values().removeIf(read -> read.startedAt() - stale < 0);
        }
        return batch;
    }

    private FrameSource.Batch query(UUID jobId, long afterId, int limit) {
        return jdbi.inTransaction(handle -> {
            JobDao dao = handle.attach(JobDao.class);
            // the status first: every line stored before the run ended is then visible to the read below
            Job job = dao.find(jobId).orElse(null);
            List<JobLog> lines = dao.logsAfter(jobId, afterId, limit);
            List<FrameSource.Frame> frames = lines.stream()
                    .map(line -> new FrameSource.Frame(line.id(), SseFrames.event(line.id(), "log", json.write(line))))
                    .toList();
            boolean ended = job == null || job.status().isTerminal();
            String end = ended && lines.size() < limit
                    ? SseFrames.event(
                            null,
                            "end",
                            json.write(Map.of(
                                    "status",
                                    job == null ? "deleted" : job.status().wire())))
                    : null;
            return new FrameSource.Batch(frames, end);
        });
    }
}
