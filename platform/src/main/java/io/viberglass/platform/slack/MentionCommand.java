package io.viberglass.platform.slack;

import io.viberglass.platform.tickets.WorkflowPhase;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an @viberator mention in a ticket thread asks for, read from its words: {@code advance} (or next, proceed,
 * plan, execute, lgtm…) moves to a phase and runs it, {@code chain} also runs every later phase as each finishes, and
 * anything else ({@code revise <feedback>} or plain feedback) revises the current document.
 */
public sealed interface MentionCommand {
    /** Nothing was said but the mention. */
    record Hint() implements MentionCommand {}

    record Advance(WorkflowPhase target) implements MentionCommand {}

    /** Run {@code first}, then each next phase when the previous one completes. */
    record Chain(WorkflowPhase first) implements MentionCommand {}

    record Revise(String feedback) implements MentionCommand {}

    /** {@code session <message>} or {@code collaborate <message>}: a live agent session in the thread's mode. */
    record Collaborate(String message) implements MentionCommand {}

    /** The thread is in execution, which has no document to revise. */
    record NotRevisable() implements MentionCommand {}

    Pattern MENTION = Pattern.compile("<@[A-Z0-9]+(\\|[^>]*)?>");
    Pattern COLLABORATE = Pattern.compile("(?is)(session|collaborate)[\\s:]+(\\S.*)");
    Set<String> PLAN = Set.of("plan", "plan it", "start planning", "move to planning");
    Set<String> EXECUTE = Set.of(
            "execute",
            "do it",
            "let's go",
            "lets go",
            "ship it",
            "run it",
            "start execution",
            "move to execution",
            "go");
    Set<String> APPROVE = Set.of("lgtm", "approved", "looks good", "approve");
    Set<String> NEXT = Set.of("advance", "next", "proceed", "continue");

    static MentionCommand parse(String text, WorkflowPhase mode) {
        String said = MENTION.matcher(text == null ? "" : text).replaceAll(" ").strip();
        if (said.isEmpty()) {
            return new Hint();
        }
        Matcher collaborate = COLLABORATE.matcher(said);
        if (collaborate.matches()) {
            return new Collaborate(collaborate.group(2).strip());
        }
        if (mode == WorkflowPhase.EXECUTION) {
            return new NotRevisable();
        }
        String words = said.toLowerCase(Locale.ROOT)
                .replaceAll("^[\\p{Punct}\\s]+|[\\p{Punct}\\s]+$", "")
                .replaceAll("\\s+", " ");
        WorkflowPhase next = SlackMessages.next(mode);
        if (words.equals("chain")) {
            return new Chain(next);
        }
        if (NEXT.contains(words)) {
            return new Advance(next);
        }
        if (PLAN.contains(words) || (mode == WorkflowPhase.RESEARCH && APPROVE.contains(words))) {
            return new Advance(WorkflowPhase.PLANNING);
        }
        if (EXECUTE.contains(words) || (mode == WorkflowPhase.PLANNING && APPROVE.contains(words))) {
            return mode == WorkflowPhase.RESEARCH
                    ? new Chain(WorkflowPhase.PLANNING)
                    : new Advance(WorkflowPhase.EXECUTION);
        }
        String feedback =
                said.regionMatches(true, 0, "revise", 0, 6) ? said.substring(6).strip() : said;
        return feedback.isEmpty() ? new Hint() : new Revise(feedback);
    }
}
