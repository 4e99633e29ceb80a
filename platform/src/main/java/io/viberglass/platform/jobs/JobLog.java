package io.viberglass.platform.jobs;

import io.viberglass.common.job.LogLevel;
import java.time.Instant;

/** A row of {@code job_logs}: one line of a job's log, as the worker sent it (already redacted). */
public record JobLog(long id, LogLevel level, String message, String source, Instant loggedAt) {}
