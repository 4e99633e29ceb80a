package io.viberglass.platform.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import io.viberglass.platform.tickets.WorkflowPhase;
import java.util.List;
import java.util.UUID;

/** The words and Block Kit cards the app posts. Pure functions of their arguments. */
public final class SlackMessages {
    public static final String APPROVE = "ticket_approve_phase";
    public static final String REJECT = "ticket_reject_phase";
    public static final String SESSION_ALLOW = "session_allow";
    public static final String SESSION_DENY = "session_deny";

    private static final Gson GSON = GsonFactory.createSnakeCase();
    private static final int TASK_PREVIEW = 500;

    private SlackMessages() {}

    public static String opening(String title, String ticketUrl) {
        return "*Job started:* <" + ticketUrl + "|" + escape(title) + ">";
    }

    public static String details(WorkflowPhase mode, String clanker, String task) {
        String preview = task.length() > TASK_PREVIEW ? task.substring(0, TASK_PREVIEW) + "…" : task;
        return "*Mode:* " + mode.wire() + "  *Clanker:* " + escape(clanker) + "\n>"
                + escape(preview).replace("\n", "\n>");
    }

    public static String started(WorkflowPhase phase) {
        return "_The agent started the " + phase.wire() + " run…_";
    }

    public static String documentFile(WorkflowPhase phase) {
        return phase.wire() + ".md";
    }

    public static String completeText(WorkflowPhase phase) {
        return "*" + title(phase) + " complete.* Approve to run " + next(phase).wire() + ", or mention @viberator with "
                + "feedback to revise.";
    }

    /** The card under a finished research or plan: Approve and Reject, valued {@code <ticketId>:<phase>}. */
    public static String reviewCard(UUID ticketId, WorkflowPhase phase) {
        String value = ticketId + ":" + phase.wire();
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText("*" + title(phase) + " complete.*"))),
                actions(a -> a.blockId("review")
                        .elements(List.of(
                                button(b -> b.actionId(APPROVE)
                                        .text(plainText("Approve"))
                                        .style("primary")
                                        .value(value)),
                                button(b -> b.actionId(REJECT)
                                        .text(plainText("Reject"))
                                        .style("danger")
                                        .value(value))))),
                context(c -> c.elements(
                        List.of(markdownText("Approve to run " + next(phase).wire()
                                + ". Mention @viberator with feedback to revise, `chain` to run every next phase, or "
                                + "`advance` to move on.")))));
        return GSON.toJson(blocks);
    }

    public static String executionDone(String pullRequestUrl, String ticketUrl) {
        String pr = pullRequestUrl == null ? "No pull request was opened." : "*Pull request:* <" + pullRequestUrl + ">";
        return pr + "\n*Ticket:* <" + ticketUrl + ">\n*Job completed.*";
    }

    public static String failed(String summary, String detail) {
        String reason = summary == null ? "An error occurred during processing." : summary;
        String text = "*Job failed.* " + escape(reason);
        if (detail != null && !detail.isBlank()) {
            String shortDetail = detail.length() > 300 ? detail.substring(0, 300) + "…" : detail;
            text += "\n```" + shortDetail.replace("```", "'''") + "```";
        }
        return text;
    }

    public static String approved(WorkflowPhase phase, String actor, WorkflowPhase next) {
        return "*" + title(phase) + " approved* by " + escape(actor) + ". Running " + next.wire() + "…";
    }

    public static String rejected(String slackUser) {
        return "Rejected by <@" + slackUser + ">. Mention @viberator with feedback to revise.";
    }

    public static String notMapped() {
        return "Your Slack account is not linked to a Viberglass account (no account has your Slack e-mail "
                + "address), so you cannot act on tickets from Slack.";
    }

    static String title(WorkflowPhase phase) {
        return switch (phase) {
            case RESEARCH -> "Research";
            case PLANNING -> "Plan";
            case EXECUTION -> "Execution";
        };
    }

    static WorkflowPhase next(WorkflowPhase phase) {
        return phase == WorkflowPhase.EXECUTION ? phase : WorkflowPhase.values()[phase.ordinal() + 1];
    }

    /** Slack's mrkdwn needs only these three escaped. */
    /**
     * The agent's permission request in a live session: Allow and Deny, valued {@code <sessionId>:<requestId>} so a
     * click on an old card cannot decide a newer request.
     */
    public static String permissionCard(String sessionId, String requestId, String prompt) {
        String value = sessionId + ":" + requestId;
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText("*The agent asks permission:* " + escape(prompt)))),
                actions(a -> a.blockId("session_permission")
                        .elements(List.of(
                                button(b -> b.actionId(SESSION_ALLOW)
                                        .text(plainText("Allow"))
                                        .style("primary")
                                        .value(value)),
                                button(b -> b.actionId(SESSION_DENY)
                                        .text(plainText("Deny"))
                                        .style("danger")
                                        .value(value))))),
                context(c -> c.elements(List.of(markdownText("Or reply `approve` or `deny` in this thread.")))));
        return GSON.toJson(blocks);
    }

    static String escape(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
