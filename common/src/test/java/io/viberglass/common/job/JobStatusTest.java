package io.viberglass.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    @Test
    void queuedJobsStartFailOrAreCancelled() {
        assertThat(JobStatus.QUEUED.successors())
                .containsExactlyInAnyOrder(JobStatus.ACTIVE, JobStatus.FAILED, JobStatus.CANCELLED);
    }

    @Test
    void activeJobsEndInExactlyOneTerminalState() {
        assertThat(JobStatus.ACTIVE.successors())
                .containsExactlyInAnyOrder(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED);
    }

    @ParameterizedTest
    @EnumSource(
            value = JobStatus.class,
            names = {"COMPLETED", "FAILED", "CANCELLED"})
    void terminalStatesAreFinal(JobStatus status) {
        assertThat(status.isTerminal()).isTrue();
        for (JobStatus next : JobStatus.values()) {
            assertThat(status.canMoveTo(next)).as("%s -> %s", status, next).isFalse();
        }
    }

    @Test
    void nothingGoesBackToQueued() {
        for (JobStatus from : EnumSet.allOf(JobStatus.class)) {
            assertThat(from.canMoveTo(JobStatus.QUEUED)).isFalse();
        }
    }

    @Test
    void everyNonSuccessOutcomeHasAFailureCode() {
        for (RunOutcome outcome : RunOutcome.values()) {
            assertThat(outcome.failureCode() == null).isEqualTo(outcome.isSuccessful());
        }
    }
}
