package io.viberglass.platform.streams;

import java.util.List;

/** What a stream shows: the stored entries after an id, read from the database when the topic wakes. */
public interface FrameSource {
    /** One stored entry as a server-sent event; {@code id} is what {@code Last-Event-ID} resumes after. */
    record Frame(long id, String text) {}

    /**
     * @param frames at most {@code limit} entries after {@code afterId}, oldest first
     * @param end a last frame when nothing more will ever come (the run or session ended), else null
     */
    record Batch(List<Frame> frames, String end) {}

    Batch after(long afterId, int limit);

    /**
     * As {@link #after(long, int)}, for a stream woken at {@code wokenAt} ({@link System#nanoTime()}). A source may
     * answer with a read made for another stream at the same position, if that read started after {@code wokenAt}:
     * it saw every commit the wake-up announced. Many clients of one topic then cost one read per wake-up, not one
     * each.
     */
    default Batch after(long afterId, int limit, long wokenAt) {
        return after(afterId, limit);
    }
}
