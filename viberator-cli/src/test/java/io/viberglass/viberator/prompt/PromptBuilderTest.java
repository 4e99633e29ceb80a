package io.viberglass.viberator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.job.AgentSpec;
import io.viberglass.common.job.AgentType;
import io.viberglass.common.job.JobKind;
import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.common.job.TicketContext;
import io.viberglass.common.job.WorkerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {
    final PromptBuilder prompts = new PromptBuilder();

    static JobPayload payload(JobKind kind, String task, TicketContext ticket, WorkerSettings settings) {
        return new JobPayload(
                1,
                "j1",
                kind,
                "t",
                null,
                null,
                AgentSpec.of(AgentType.CLAUDE_CODE),
                RepositorySpec.of("/r", "main"),
                task,
                ticket,
                List.of(),
                settings,
                List.of());
    }

    @Test
    void researchAsksForResearchMdOnly() {
        String prompt = prompts.build(payload(JobKind.RESEARCH, "Why is it slow?", null, null), List.of());

        assertThat(prompt)
                .startsWith("Why is it slow?")
                .contains("`RESEARCH.md`")
                .doesNotContain("PR_TITLE.md");
    }

    @Test
    void executionCarriesThePlanConstraintsAndInstructionFiles() {
        TicketContext ticket = new TicketContext("t1", null, null, "Title", "# Research", "# Plan\n1. x", List.of());
        WorkerSettings settings = new WorkerSettings(60, 3, true, true, "mvn test", "Google style");

        String prompt = prompts.build(payload(JobKind.EXECUTION, "Fix {{it}}", ticket, settings), List.of("AGENTS.md"));

        assertThat(prompt)
                .startsWith("Fix {{it}}")
                .contains("<approved-plan-document>\n# Plan\n1. x\n</approved-plan-document>")
                .contains("<approved-research-document>")
                .contains("- `AGENTS.md`")
                .contains("Limit changes to 3 files.", "Run `mvn test`", "Add or update tests", "Google style")
                .contains("`PR_TITLE.md`", "`PR_DESCRIPTION.md`");
    }

    @Test
    void aDocumentTheTaskAlreadyEmbedsIsNotRepeated() {
        TicketContext ticket = new TicketContext(null, null, null, null, null, "# Plan", List.of());

        String prompt = prompts.build(
                payload(JobKind.EXECUTION, "<approved-plan-document>p</approved-plan-document>", ticket, null),
                List.of());

        assertThat(prompt.split("<approved-plan-document>", -1)).hasSize(2);
    }
}
