package io.viberglass.common.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The ticket a job works on. Used for branch names, PR text and instruction files; the prompt itself is already in
 * {@link JobPayload#task()}.
 *
 * @param id platform ticket id
 * @param externalKey key in the source system (GitHub issue number, Jira key)
 * @param externalUrl link back to the source system
 * @param title ticket title
 * @param researchDocument the current RESEARCH.md, for planning and execution
 * @param planDocument the current PLAN.md, for execution
 * @param media screenshots and recordings attached to the ticket
 */
public record TicketContext(
        @Size(max = 100) String id,
        @Size(max = 255) String externalKey,
        @Size(max = 2000) String externalUrl,
        @Size(max = 500) String title,
        @Size(max = 1_000_000) String researchDocument,
        @Size(max = 1_000_000) String planDocument,
        @Size(max = 20) List<@Valid TicketMedia> media) {

    public TicketContext {
        media = media == null ? List.of() : List.copyOf(media);
    }
}
