package io.viberglass.platform.phases;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.WorkflowPhase;

/**
 * The phase machine {@code research → planning → execution}. Advancing goes one step forward only (advancing to the
 * phase a ticket is already in changes nothing); a manual set goes anywhere; skipping to execution needs a reason and
 * happens once.
 */
public final class WorkflowMachine {
    private WorkflowMachine() {}

    /** The phase after advancing {@code from} to {@code target}. */
    public static WorkflowPhase advance(WorkflowPhase from, WorkflowPhase target) {
        if (from == target) {
            return from;
        }
        boolean nextStep = from.ordinal() + 1 == target.ordinal();
        if (!nextStep) {
            throw DomainException.conflict(
                    "WORKFLOW_TRANSITION_NOT_ALLOWED",
                    "Cannot advance ticket workflow from " + from.wire() + " to " + target.wire());
        }
        return target;
    }

    /** Validates an override to execution and returns its trimmed reason. */
    public static String overrideReason(String reason, boolean alreadyOverridden) {
        String trimmed = reason == null ? "" : reason.trim();
        if (trimmed.isEmpty()) {
            throw DomainException.invalid(
                    "WORKFLOW_OVERRIDE_REASON_REQUIRED", "reason", "is required to skip to execution");
        }
        if (trimmed.length() > 2000) {
            throw DomainException.invalid(
                    "WORKFLOW_OVERRIDE_REASON_TOO_LONG", "reason", "must be at most 2000 " + "characters");
        }
        if (alreadyOverridden) {
            throw DomainException.conflict("WORKFLOW_ALREADY_OVERRIDDEN", "This ticket was already overridden");
        }
        return trimmed;
    }

    /** How each phase looks from the current one: completed, current or upcoming. */
    public static String view(WorkflowPhase current, WorkflowPhase phase) {
        if (phase == current) {
            return "current";
        }
        return phase.ordinal() < current.ordinal() ? "completed" : "upcoming";
    }
}
