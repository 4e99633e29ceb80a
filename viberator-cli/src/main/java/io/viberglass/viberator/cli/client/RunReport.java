package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.ExitCodes;
import io.viberglass.viberator.client.Job;
import io.viberglass.viberator.client.Phase;
import java.time.Instant;
import java.util.UUID;

/**
 * The result of {@code tickets run} ({@code --json}): the run as it stood when the command ended, the exit code it
 * maps to, and the pull request for an execution run.
 *
 * @param outcome {@code queued} (not waited for), {@code completed}, {@code failed}, {@code cancelled} or
 *     {@code timed_out} (the wait gave up; the run goes on)
 * @param nextStep the command that usually comes next, or null
 */
public record RunReport(
        UUID ticketId,
        UUID jobId,
        String phase,
        String status,
        String outcome,
        int exitCode,
        String pullRequestUrl,
        String branch,
        String commitHash,
        Job.Failure failure,
        Instant startedAt,
        Instant finishedAt,
        String nextStep) {

    static RunReport queued(UUID ticketId, Phase phase, Job job) {
        return of(ticketId, phase, job, "queued", ExitCodes.OK, null);
    }

    static RunReport ended(UUID ticketId, Phase phase, Job job, boolean waitTimedOut) {
        if (waitTimedOut) {
            return of(ticketId, phase, job, "timed_out", ExitCodes.TIMED_OUT, null);
        }
        int code = ExitCodes.of(job);
        String next = code != ExitCodes.OK
                ? "viberator logs " + job.id()
                : switch (phase) {
                    case RESEARCH -> "viberator tickets run " + ticketId + " --phase planning --wait";
                    case PLANNING -> "viberator plan show " + ticketId + " && viberator plan approve " + ticketId;
                    case EXECUTION -> null;
                };
        return of(ticketId, phase, job, job.status().wire(), code, next);
    }

    private static RunReport of(UUID ticketId, Phase phase, Job job, String outcome, int code, String next) {
        return new RunReport(
                ticketId,
                job.id(),
                phase.wire(),
                job.status().wire(),
                outcome,
                code,
                job.pullRequestUrl(),
                job.branch(),
                job.commitHash(),
                job.failure(),
                job.startedAt(),
                job.finishedAt(),
                next);
    }
}
