package io.viberglass.platform.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.viberglass.platform.tickets.WorkflowPhase;

/**
 * What one outbox row asks for, stored as jsonb: a message (text, optional Block Kit JSON), an ephemeral notice to one
 * user, a text file, or a "chain" step that runs the next phase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlackPost(
        String text,
        String blocks,
        String user,
        String filename,
        String title,
        String content,
        WorkflowPhase target,
        String actor) {

    public static SlackPost message(String text) {
        return new SlackPost(text, null, null, null, null, null, null, null);
    }

    public static SlackPost message(String text, String blocks) {
        return new SlackPost(text, blocks, null, null, null, null, null, null);
    }

    public static SlackPost ephemeral(String user, String text) {
        return new SlackPost(text, null, user, null, null, null, null, null);
    }

    public static SlackPost file(String filename, String title, String content) {
        return new SlackPost(null, null, null, filename, title, content, null, null);
    }

    public static SlackPost chain(WorkflowPhase target, String actor) {
        return new SlackPost(null, null, null, null, null, null, target, actor);
    }
}
