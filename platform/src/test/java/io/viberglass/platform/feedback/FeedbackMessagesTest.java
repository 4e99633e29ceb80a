package io.viberglass.platform.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What issue comments say, and how Markdown becomes Jira's document format. */
class FeedbackMessagesTest {
    private static final FeedbackEvent.Job JOB = new FeedbackEvent.Job(
            UUID.randomUUID(), UUID.randomUUID(), "execution", "completed", null, "viberator/x", "https://vg/runs/1");

    @Test
    void success_namesThePullRequest_commit_andFiles() {
        String comment = FeedbackMessages.comment(new FeedbackEvent(
                FeedbackEventType.JOB_ENDED,
                Instant.EPOCH,
                null,
                null,
                JOB,
                new FeedbackEvent.Result(
                        true,
                        "succeeded",
                        null,
                        "abc123",
                        "https://github.com/acme/shop/pull/7",
                        4200L,
                        List.of("a.js", "b.js")),
                null));
        assertThat(comment)
                .startsWith("## ✅ Fix submitted")
                .contains("https://github.com/acme/shop/pull/7")
                .contains("`abc123`")
                .contains("Files changed: 2")
                .contains("[Open the run in Viberglass](https://vg/runs/1)");
    }

    @Test
    void failure_quotesTheReason_withoutBreakingTheCodeBlock() {
        String comment = FeedbackMessages.comment(new FeedbackEvent(
                FeedbackEventType.JOB_ENDED,
                Instant.EPOCH,
                null,
                null,
                JOB,
                new FeedbackEvent.Result(false, "agent_failed", "boom ``` injected", null, null, null, List.of()),
                null));
        assertThat(comment).startsWith("## ❌ Fix failed").doesNotContain("boom ```");
    }

    @Test
    void jiraGetsHeadingsListsAndCodeBlocks() {
        Map<String, Object> doc = JiraFeedback.adf("## Title\n\n- one\n- two\n\n```\ncode\n```\ntext");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> content = (List<Map<String, Object>>) doc.get("content");
        assertThat(content)
                .extracting(node -> node.get("type"))
                .containsExactly("heading", "bulletList", "codeBlock", "paragraph");
    }

    @Test
    void targetBackoff_doublesFromItsBase_upToItsCap() {
        FeedbackTarget target = new FeedbackTarget(
                UUID.randomUUID(),
                UUID.randomUUID(),
                null,
                null,
                null,
                "t",
                List.of(),
                null,
                false,
                null,
                false,
                Map.of(),
                5,
                250,
                2000,
                true,
                Instant.EPOCH,
                Instant.EPOCH);
        assertThat(target.backoff(1).toMillis()).isEqualTo(250);
        assertThat(target.backoff(3).toMillis()).isEqualTo(1000);
        assertThat(target.backoff(9).toMillis()).isEqualTo(2000);
    }
}
