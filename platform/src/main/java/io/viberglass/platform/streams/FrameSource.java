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
}
