package io.viberglass.platform.dispatch.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.viberglass.common.job.FailureCode;
import io.viberglass.platform.dispatch.ExecutionEnd;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads why a worker's Job or pod failed where the worker could not report it, and names the cause the way users see
 * failures: an image that cannot be pulled did not start the worker, a missing Secret is configuration, an OOM kill or
 * eviction is a failed run, a pod that cannot be scheduled means no runner is available, and the Job's deadline is the
 * agent's time limit.
 */
final class PodFailures {
    static final Set<String> IMAGE_PULL =
            Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName", "ErrImageNeverPull");
    static final Set<String> CONTAINER_CONFIG =
            Set.of("CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private PodFailures() {}

    static Optional<ExecutionEnd> classify(Job job, List<Pod> pods, Instant now, Duration unschedulableGrace) {
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent() && "DeadlineExceeded".equals(failed.get().getReason())) {
            return Optional.of(new ExecutionEnd(
                    FailureCode.AGENT_TIMEOUT,
                    "Kubernetes stopped the worker after its deadline of "
                            + job.getSpec().getActiveDeadlineSeconds() + " s (Job "
                            + job.getMetadata().getName() + ")"));
        }
        for (Pod pod : pods) {
            Optional<ExecutionEnd> found = fromPod(pod, now, unschedulableGrace);
            if (found.isPresent()) {
                return found;
            }
        }
        if (failed.isPresent()) {
            return Optional.of(new ExecutionEnd(
                    FailureCode.RUN_FAILED,
                    "The worker's Job failed (" + failed.get().getReason() + "): "
                            + failed.get().getMessage()));
        }
        if (condition(job, "Complete").isPresent()) {
            return Optional.of(
                    new ExecutionEnd(FailureCode.RUN_FAILED, "The worker exited without reporting a result"));
        }
        return Optional.empty();
    }

    private static Optional<ExecutionEnd> fromPod(Pod pod, Instant now, Duration unschedulableGrace) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        if ("Evicted".equals(pod.getStatus().getReason())) {
            return Optional.of(new ExecutionEnd(
                    FailureCode.RUN_FAILED,
                    "The worker pod was evicted: " + pod.getStatus().getMessage()));
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).ifPresent(statuses::addAll);
        Optional.ofNullable(pod.getStatus().getContainerStatuses()).ifPresent(statuses::addAll);
        for (ContainerStatus status : statuses) {
            var waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting != null && IMAGE_PULL.contains(waiting.getReason())) {
                return Optional.of(new ExecutionEnd(
                        FailureCode.INVOCATION_FAILED,
                        "The worker image " + status.getImage() + " cannot be pulled (" + waiting.getReason() + "): "
                                + waiting.getMessage()));
            }
            if (waiting != null && CONTAINER_CONFIG.contains(waiting.getReason())) {
                return Optional.of(new ExecutionEnd(
                        FailureCode.CONFIG_INVALID,
                        "The worker container cannot be created (" + waiting.getReason() + "): "
                                + waiting.getMessage()));
            }
            var terminated =
                    status.getState() == null ? null : status.getState().getTerminated();
            if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
                return Optional.of(new ExecutionEnd(
                        FailureCode.RUN_FAILED,
                        "The worker ran out of memory and was killed (container " + status.getName() + ")"));
            }
            if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
                return Optional.of(new ExecutionEnd(
                        FailureCode.RUN_FAILED,
                        "The worker container " + status.getName() + " exited with code " + terminated.getExitCode()
                                + (terminated.getReason() == null ? "" : " (" + terminated.getReason() + ")")
                                + " without reporting a result"));
            }
        }
        Optional<PodCondition> scheduled = Optional.ofNullable(pod.getStatus().getConditions()).stream()
                .flatMap(List::stream)
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                .filter(c -> "Unschedulable".equals(c.getReason()))
                .findFirst();
        if (scheduled.isPresent()) {
            Instant since = parse(scheduled.get().getLastTransitionTime(), now);
            if (!since.plus(unschedulableGrace).isAfter(now)) {
                return Optional.of(new ExecutionEnd(
                        FailureCode.AGENT_RUNNER_UNAVAILABLE,
                        "The worker pod could not be scheduled for " + unschedulableGrace.toMinutes() + " min: "
                                + scheduled.get().getMessage()));
            }
        }
        return Optional.empty();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    private static Instant parse(String time, Instant fallback) {
        try {
            return time == null ? fallback : Instant.parse(time);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
