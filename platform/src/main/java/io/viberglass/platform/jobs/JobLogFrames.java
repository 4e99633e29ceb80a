package io.viberglass.platform.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.streams.FrameSource;
import io.viberglass.platform.streams.SseFrames;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** A run's log lines as server-sent events: {@code log} per line (id = the line id), {@code end} once the run ended. */
public class JobLogFrames {
    private final Jdbi jdbi;
    private final JsonText json;

    public JobLogFrames(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.json = new JsonText(mapper);
    }

    FrameSource source(UUID jobId) {
        return (afterId, limit) -> jdbi.inTransaction(handle -> {
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
