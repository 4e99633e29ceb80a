package io.viberglass.platform.phases;

import java.util.List;
import java.util.OptionalInt;

/**
 * Moves a comment's anchor to a new revision of its document: the line keeps its number when it is unchanged there,
 * else it follows the same text to its nearest occurrence; when the text is gone the comment is outdated.
 */
public final class CommentAnchors {
    private CommentAnchors() {}

    /** The new 1-based line number of {@code lineText}, or empty when the line no longer exists. */
    public static OptionalInt reanchor(String lineText, int oldLine, String newContent) {
        List<String> lines = lines(newContent);
        if (oldLine <= lines.size() && lines.get(oldLine - 1).equals(lineText)) {
            return OptionalInt.of(oldLine);
        }
        int best = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(lineText) && (best < 0 || Math.abs(i + 1 - oldLine) < Math.abs(best - oldLine))) {
                best = i + 1;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    public static List<String> lines(String content) {
        return content == null || content.isEmpty() ? List.of() : List.of(content.split("\n", -1));
    }
}
