package io.viberglass.platform.jobs;

import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.json.Json;

/** A row of {@code job_progress}: a pipeline step the worker (or the dispatcher) reported. */
public record JobProgress(long id, String step, String message, @Json Map<String, Object> details, Instant createdAt) {}
