package io.viberglass.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.viberglass.common.json.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionThreadPostsTest {
    private final UUID session = UUID.randomUUID();

    private static SlackSessionDao.Event event(long sequence, String type, String payload) {
        return new SlackSessionDao.Event(sequence, type, payload, null);
    }

    private SessionThreadPosts.Told tell(List<SlackSessionDao.Event> events, long cursor, boolean full) {
        return SessionThreadPosts.tell(session, events, cursor, full, Json.newMapper());
    }

    @Test
    void anAnswerStillStreamingWaitsWithTheCursorBeforeIt() {
        var told = tell(
                List.of(
                        event(4, "turn_started", "{}"),
                        event(5, "assistant_message", "{\"text\":\"Half \"}"),
                        event(6, "tool_call_started", "{\"toolName\":\"edit\"}")),
                3,
                false);

        assertThat(told.posts()).extracting(SlackPost::text).containsExactly("_The agent is working on it…_");
        assertThat(told.cursor()).isEqualTo(4);
    }

    @Test
    void aTurnBoundaryTellsTheWholeAnswerOnceThenTheBoundary() {
        var told = tell(
                List.of(
                        event(5, "assistant_message", "{\"text\":\"Half \"}"),
                        event(6, "reasoning", "{\"text\":\"hmm\"}"),
                        event(7, "assistant_message", "{\"text\":\"and the rest?\"}"),
                        event(8, "needs_input", "{\"prompt\":\"Which colour?\"}")),
                4,
                false);

        assertThat(told.posts())
                .extracting(SlackPost::text)
                .containsExactly(
                        "Half and the rest?", "*The agent asks:* Which colour?\nReply in this thread to answer.");
        assertThat(told.cursor()).isEqualTo(8);
    }

    @Test
    void aFullPageOfChunksIsToldRatherThanWaitedOnForever() {
        var told = tell(List.of(event(1, "assistant_message", "{\"text\":\"very long\"}")), 0, true);

        assertThat(told.posts()).extracting(SlackPost::text).containsExactly("very long");
        assertThat(told.cursor()).isEqualTo(1);
    }

    @Test
    void aPermissionRequestCarriesButtonsBoundToItsRequest() {
        var told = tell(
                List.of(event(3, "needs_approval", "{\"prompt\":\"Run <rm -rf>\",\"requestId\":\"r-1\"}")), 2, false);

        assertThat(told.posts()).singleElement().satisfies(post -> {
            assertThat(post.text()).isEqualTo("The agent asks permission: Run &lt;rm -rf&gt;");
            assertThat(post.blocks()).contains("session_allow", "session_deny", session + ":r-1", "rm -rf");
        });
    }
}
