package io.viberglass.platform.phases;

import static io.viberglass.platform.tickets.WorkflowPhase.EXECUTION;
import static io.viberglass.platform.tickets.WorkflowPhase.PLANNING;
import static io.viberglass.platform.tickets.WorkflowPhase.RESEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.tickets.WorkflowPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowMachineTest {

    @ParameterizedTest
    @CsvSource({
        "RESEARCH, PLANNING, PLANNING",
        "PLANNING, EXECUTION, EXECUTION",
        "RESEARCH, RESEARCH, RESEARCH",
        "PLANNING, PLANNING, PLANNING",
        "EXECUTION, EXECUTION, EXECUTION"
    })
    void advancingGoesOneStepForwardOrStays(WorkflowPhase from, WorkflowPhase target, WorkflowPhase expected) {
        assertThat(WorkflowMachine.advance(from, target)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"RESEARCH, EXECUTION", "PLANNING, RESEARCH", "EXECUTION, PLANNING", "EXECUTION, RESEARCH"})
    void skippingOrGoingBackIsAConflict(WorkflowPhase from, WorkflowPhase target) {
        assertThatThrownBy(() -> WorkflowMachine.advance(from, target))
                .isInstanceOf(DomainException.class)
                .hasMessage("Cannot advance ticket workflow from " + from.wire() + " to " + target.wire())
                .extracting("code")
                .isEqualTo("WORKFLOW_TRANSITION_NOT_ALLOWED");
    }

    @Test
    void overrideNeedsATrimmedReasonAndHappensOnce() {
        assertThat(WorkflowMachine.overrideReason("  hotfix  ", false)).isEqualTo("hotfix");
        assertThatThrownBy(() -> WorkflowMachine.overrideReason("   ", false))
                .extracting("code")
                .isEqualTo("WORKFLOW_OVERRIDE_REASON_REQUIRED");
        assertThatThrownBy(() -> WorkflowMachine.overrideReason(null, false))
                .extracting("code")
                .isEqualTo("WORKFLOW_OVERRIDE_REASON_REQUIRED");
        assertThatThrownBy(() -> WorkflowMachine.overrideReason("x".repeat(2001), false))
                .extracting("code")
                .isEqualTo("WORKFLOW_OVERRIDE_REASON_TOO_LONG");
        assertThatThrownBy(() -> WorkflowMachine.overrideReason("again", true))
                .extracting("code")
                .isEqualTo("WORKFLOW_ALREADY_OVERRIDDEN");
    }

    @Test
    void phasesBeforeTheCurrentAreCompletedAndAfterItUpcoming() {
        assertThat(WorkflowMachine.view(PLANNING, RESEARCH)).isEqualTo("completed");
        assertThat(WorkflowMachine.view(PLANNING, PLANNING)).isEqualTo("current");
        assertThat(WorkflowMachine.view(PLANNING, EXECUTION)).isEqualTo("upcoming");
    }
}
