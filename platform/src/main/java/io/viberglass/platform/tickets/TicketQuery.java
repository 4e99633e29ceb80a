package io.viberglass.platform.tickets;

import io.viberglass.platform.access.ProjectScope;
import io.viberglass.platform.projects.ArchivedFilter;
import java.util.List;
import java.util.UUID;

/** Filters of the ticket list; empty lists and nulls mean "any". */
public record TicketQuery(
        UUID projectId,
        List<LifecycleStatus> statuses,
        List<WorkflowPhase> phases,
        List<Severity> severities,
        String category,
        ArchivedFilter archived,
        String search,
        int limit,
        int offset,
        ProjectScope scope) {

    /** The search text as an ILIKE pattern, with the user's own wildcards escaped. */
    String searchPattern() {
        if (search == null || search.isBlank()) {
            return null;
        }
        String escaped = search.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    List<String> statusWires() {
        return statuses.stream().map(LifecycleStatus::wire).toList();
    }

    List<String> phaseWires() {
        return phases.stream().map(WorkflowPhase::wire).toList();
    }

    List<String> severityWires() {
        return severities.stream().map(Severity::wire).toList();
    }
}
