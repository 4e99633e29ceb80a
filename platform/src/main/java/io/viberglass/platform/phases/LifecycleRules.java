package io.viberglass.platform.phases;

import io.viberglass.platform.tickets.LifecycleStatus;
import io.viberglass.platform.tickets.WorkflowPhase;

/**
 * The derived lifecycle status of a ticket, the one place it is computed:
 *
 * <ol>
 *   <li>resolved stays resolved;
 *   <li>in execution: open before any run, in progress while a run is queued or running or after a failed run, in
 *       review once a run opened a pull request;
 *   <li>in research or planning: in progress while a run is in flight; in review when the phase document awaits
 *       approval; in progress once the document has content; otherwise open in research and in progress in planning.
 * </ol>
 */
public final class LifecycleRules {
    private LifecycleRules() {}

    /** What happened to the newest run relevant to the phase. */
    public enum Run {
        NONE,
        IN_FLIGHT,
        FAILED,
        COMPLETED,
        COMPLETED_WITH_PULL_REQUEST
    }

    /**
     * @param documentContent {@code null} when the phase has no document yet
     */
    public record Inputs(
            LifecycleStatus current,
            WorkflowPhase phase,
            String documentContent,
            ApprovalState approvalState,
            Run phaseRun,
            Run executionRun) {}

    public static LifecycleStatus derive(Inputs in) {
        if (in.current() == LifecycleStatus.RESOLVED) {
            return LifecycleStatus.RESOLVED;
        }
        if (in.phase() == WorkflowPhase.EXECUTION) {
            return switch (in.executionRun()) {
                case NONE -> LifecycleStatus.OPEN;
                case COMPLETED_WITH_PULL_REQUEST -> LifecycleStatus.IN_REVIEW;
                case IN_FLIGHT, FAILED, COMPLETED -> LifecycleStatus.IN_PROGRESS;
            };
        }
        if (in.phaseRun() == Run.IN_FLIGHT) {
            return LifecycleStatus.IN_PROGRESS;
        }
        if (in.documentContent() != null && in.approvalState() == ApprovalState.APPROVAL_REQUESTED) {
            return LifecycleStatus.IN_REVIEW;
        }
        if (in.documentContent() != null && !in.documentContent().isBlank()) {
            return LifecycleStatus.IN_PROGRESS;
        }
        return in.phase() == WorkflowPhase.RESEARCH ? LifecycleStatus.OPEN : LifecycleStatus.IN_PROGRESS;
    }

    /** Reads the newest job's state as {@code PhaseDao.latestJobState} reports it ({@code completed+pr} …). */
    public static Run run(String state) {
        if (state == null) {
            return Run.NONE;
        }
        return switch (state) {
            case "queued", "active", "queued+pr", "active+pr" -> Run.IN_FLIGHT;
            case "completed+pr" -> Run.COMPLETED_WITH_PULL_REQUEST;
            case "completed" -> Run.COMPLETED;
            default -> Run.FAILED;
        };
    }
}
