package io.viberglass.platform.jobs;

import io.viberglass.common.job.WorkerSettings;
import io.viberglass.platform.tickets.TicketView;

/** The task text of an execution run: the ticket, the one-off context, the limits and what to leave behind. */
final class ExecutionPrompt {
    private ExecutionPrompt() {}

    static String render(TicketView ticket, RunRequest.Overrides overrides, WorkerSettings settings) {
        StringBuilder prompt = new StringBuilder();
        prompt.append("You are working in the git repository checked out in the current directory.\n")
                .append("Fix the following ticket with a focused change.\n\n")
                .append("# Ticket: ")
                .append(ticket.title())
                .append('\n')
                .append("Severity: ")
                .append(
                        overrides != null && overrides.priorityOverride() != null
                                ? overrides.priorityOverride()
                                : ticket.severity().wire())
                .append(" · Category: ")
                .append(ticket.category())
                .append('\n');
        if (ticket.externalTicketUrl() != null) {
            prompt.append("Source: ").append(ticket.externalTicketUrl()).append('\n');
        }
        section(prompt, "Description", ticket.description());
        if (overrides != null) {
            section(prompt, "Steps to reproduce", overrides.reproductionSteps());
            section(prompt, "Expected behaviour", overrides.expectedBehavior());
            section(prompt, "Additional context", overrides.additionalContext());
        }
        prompt.append("\n## Constraints\n");
        if (settings.maxChanges() != null) {
            prompt.append("- Change at most ").append(settings.maxChanges()).append(" files.\n");
        }
        if (Boolean.TRUE.equals(settings.testRequired())) {
            prompt.append("- Add or update tests that cover the change.\n");
        }
        if (Boolean.TRUE.equals(settings.runTests())) {
            prompt.append("- Run the tests")
                    .append(settings.testCommand() == null ? "" : " with `" + settings.testCommand() + "`")
                    .append(" and make them pass.\n");
        }
        if (settings.codingStandards() != null && !settings.codingStandards().isBlank()) {
            prompt.append("- Coding standards: ")
                    .append(settings.codingStandards())
                    .append('\n');
        }
        prompt.append("- Follow AGENTS.md and any skills/ files in the repository.\n")
                .append("- Do not commit; the platform commits, pushes and opens the pull request.\n\n")
                .append("When you are done, write a one-line pull request title to PR_TITLE.md and a short ")
                .append("description of the change to PR_DESCRIPTION.md at the repository root.\n");
        return prompt.toString();
    }

    private static void section(StringBuilder prompt, String title, String text) {
        if (text != null && !text.isBlank()) {
            prompt.append("\n## ")
                    .append(title)
                    .append('\n')
                    .append(text.strip())
                    .append('\n');
        }
    }
}
