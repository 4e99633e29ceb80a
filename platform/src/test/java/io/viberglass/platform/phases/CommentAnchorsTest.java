package io.viberglass.platform.phases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommentAnchorsTest {

    @Test
    void anUnchangedLineKeepsItsNumber() {
        assertThat(CommentAnchors.reanchor("b", 2, "a\nb\nc")).hasValue(2);
    }

    @Test
    void aMovedLineIsFollowed() {
        assertThat(CommentAnchors.reanchor("b", 2, "intro\nmore\na\nb\nc")).hasValue(4);
    }

    @Test
    void theNearestOfSeveralCopiesWins() {
        assertThat(CommentAnchors.reanchor("- step", 5, "- step\nx\nx\nx\nx\n- step\nx"))
                .hasValue(6);
    }

    @Test
    void aDeletedOrRewrittenLineIsLost() {
        assertThat(CommentAnchors.reanchor("old wording", 1, "new wording\nelse"))
                .isEmpty();
        assertThat(CommentAnchors.reanchor("x", 3, "")).isEmpty();
    }

    @Test
    void linesSplitOnNewlinesKeepingEmptyOnes() {
        assertThat(CommentAnchors.lines("a\n\nc\n")).containsExactly("a", "", "c", "");
        assertThat(CommentAnchors.lines("")).isEmpty();
    }
}
