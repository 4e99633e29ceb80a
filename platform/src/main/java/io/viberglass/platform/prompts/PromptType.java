package io.viberglass.platform.prompts;

import io.viberglass.common.job.WireEnum;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The prompts the platform renders for workers, each with the variables it may use and its built-in default. */
public enum PromptType implements WireEnum {
    TICKET_RESEARCH("Research task", "Asks the agent to investigate and write RESEARCH.md.", Variables.TICKET_RUN),
    TICKET_RESEARCH_REVISION_TASK(
            "Research revision task",
            "Sends the revision message and the open comments to rewrite RESEARCH.md.",
            Variables.REVISION),
    TICKET_PLANNING_WITH_RESEARCH(
            "Planning task (with research)",
            "Asks the agent to write PLAN.md from the research document.",
            Variables.PLANNING),
    TICKET_PLANNING_WITHOUT_RESEARCH(
            "Planning task (without research)",
            "Asks the agent to investigate and write PLAN.md.",
            Variables.TICKET_RUN),
    TICKET_PLANNING_REVISION_TASK(
            "Planning revision task",
            "Sends the revision message and the open comments to rewrite PLAN.md.",
            Variables.REVISION),
    TICKET_DEVELOPING("Development task", "Asks the agent to implement the approved plan.", Variables.DEVELOPING),
    CLAW_SCHEDULED_TASK("Scheduled task", "Wraps a schedule's task instructions.", Variables.CLAW);

    private final String label;
    private final String description;
    private final Set<String> variables;

    PromptType(String label, String description, Set<String> variables) {
        this.label = label;
        this.description = description;
        this.variables = variables;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The variables a template of this type may use; anything else is refused when the template is saved. */
    public Set<String> variables() {
        return variables;
    }

    /** The built-in template shipped with the platform. */
    public String builtInTemplate() {
        String resource = "prompts/" + wire() + ".mustache";
        try (InputStream in = PromptType.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing built-in prompt " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Variables {
        static final Set<String> TICKET = Set.of(
                "ticketTitle",
                "ticketDescription",
                "externalTicketId",
                "externalTicketUrl",
                "severity",
                "category",
                "projectName");
        static final Set<String> TICKET_RUN =
                union(TICKET, Set.of("reproductionSteps", "expectedBehavior", "additionalContext", "constraints"));
        static final Set<String> PLANNING = union(TICKET_RUN, Set.of("researchDocument"));
        static final Set<String> REVISION =
                union(TICKET, Set.of("researchDocument", "planDocument", "revisionMessage", "openComments"));
        static final Set<String> DEVELOPING = union(TICKET_RUN, Set.of("researchDocument", "planDocument"));
        static final Set<String> CLAW = Set.of("taskInstructions", "projectName", "constraints");

        private static Set<String> union(Set<String> a, Set<String> b) {
            java.util.Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return Set.copyOf(all);
        }
    }
}
