package io.viberglass.platform.streams;

/** Something waiting on a topic ({@code session:<id>}, {@code job:<id>}): a stream or a long poll. */
public interface Subscriber {
    /** Something committed on the topic: re-read from the database. Must not block (hand the work to a pool). */
    void wake();

    /** A frame that is not in the database (presence) for this subscriber's client; ignored by long polls. */
    default void offer(String frame) {}

    /** The heartbeat tick. */
    default void heartbeat() {}
}
