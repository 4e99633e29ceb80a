package io.viberglass.platform.phases;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.platform.phases.LifecycleRules.Inputs;
import io.viberglass.platform.phases.LifecycleRules.Run;
import io.viberglass.platform.tickets.LifecycleStatus;
import io.viberglass.platform.tickets.WorkflowPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The derivation table of docs/phases.md, row by row. */
class LifecycleRulesTest {

    @ParameterizedTest
    @EnumSource(WorkflowPhase.class)
    void resolvedStaysResolvedWhateverHappens(WorkflowPhase phase) {
        assertThat(LifecycleRules.derive(new Inputs(
                        LifecycleStatus.RESOLVED,
                        phase,
                        "# Plan",
                        ApprovalState.APPROVAL_REQUESTED,
                        Run.IN_FLIGHT,
                        Run.COMPLETED_WITH_PULL_REQUEST)))
                .isEqualTo(LifecycleStatus.RESOLVED);
    }

    @ParameterizedTest
    @CsvSource({
        "NONE, OPEN",
        "IN_FLIGHT, IN_PROGRESS",
        "FAILED, IN_PROGRESS",
        "COMPLETED, IN_PROGRESS",
        "COMPLETED_WITH_PULL_REQUEST, IN_REVIEW"
    })
    void executionFollowsItsNewestRun(Run run, LifecycleStatus expected) {
        assertThat(LifecycleRules.derive(new Inputs(
                        LifecycleStatus.OPEN,
                        WorkflowPhase.EXECUTION,
                        "# Plan",
                        ApprovalState.APPROVED,
                        Run.NONE,
                        run)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                // phase,    document,  approval,            phase run,  expected
                "RESEARCH,  NULL,      NULL,                 NONE,       OPEN",
                "RESEARCH,  '',        DRAFT,                NONE,       OPEN",
                "RESEARCH,  NULL,      NULL,                 IN_FLIGHT,  IN_PROGRESS",
                "RESEARCH,  '# Notes', DRAFT,                COMPLETED,  IN_PROGRESS",
                "RESEARCH,  '# Notes', APPROVAL_REQUESTED,   COMPLETED,  IN_REVIEW",
                "RESEARCH,  '# Notes', APPROVAL_REQUESTED,   IN_FLIGHT,  IN_PROGRESS",
                "PLANNING,  NULL,      NULL,                 NONE,       IN_PROGRESS",
                "PLANNING,  '',        DRAFT,                FAILED,     IN_PROGRESS",
                "PLANNING,  '# Plan',  APPROVAL_REQUESTED,   COMPLETED,  IN_REVIEW",
                "PLANNING,  '# Plan',  APPROVED,             COMPLETED,  IN_PROGRESS",
                "PLANNING,  '# Plan',  DRAFT,                NONE,       IN_PROGRESS",
            })
    void documentPhasesFollowTheirDocumentAndRun(
            WorkflowPhase phase, String content, ApprovalState approval, Run phaseRun, LifecycleStatus expected) {
        assertThat(LifecycleRules.derive(
                        new Inputs(LifecycleStatus.OPEN, phase, content, approval, phaseRun, Run.NONE)))
                .isEqualTo(expected);
    }

    @Test
    void aManualInReviewIsRederivedButAManualResolvedIsNot() {
        assertThat(LifecycleRules.derive(
                        new Inputs(LifecycleStatus.IN_REVIEW, WorkflowPhase.RESEARCH, null, null, Run.NONE, Run.NONE)))
                .isEqualTo(LifecycleStatus.OPEN);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "NULL, NONE",
                "queued, IN_FLIGHT",
                "active, IN_FLIGHT",
                "completed, COMPLETED",
                "completed+pr, COMPLETED_WITH_PULL_REQUEST",
                "failed, FAILED",
                "cancelled, FAILED"
            })
    void jobStatesReadAsRuns(String state, Run expected) {
        assertThat(LifecycleRules.run(state)).isEqualTo(expected);
    }
}
