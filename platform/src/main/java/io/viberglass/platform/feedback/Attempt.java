package io.viberglass.platform.feedback;

import io.viberglass.platform.integrations.ProviderHttp;

/** How one send went: delivered, worth retrying (rate limit, server error, network), or refused for good. */
record Attempt(Outcome outcome, Integer status, String note) {
    enum Outcome {
        DELIVERED,
        RETRY,
        DEAD
    }

    static Attempt delivered(Integer status, String note) {
        return new Attempt(Outcome.DELIVERED, status, note);
    }

    static Attempt retry(Integer status, String note) {
        return new Attempt(Outcome.RETRY, status, note);
    }

    static Attempt dead(Integer status, String note) {
        return new Attempt(Outcome.DEAD, status, note);
    }

    /** The verdict on a provider's answer to the main call. */
    static Attempt of(ProviderHttp.Reply reply, String what) {
        if (reply.ok()) {
            return delivered(reply.status(), null);
        }
        String note = what + " failed: " + reply.summary();
        return reply.transientFailure() ? retry(reply.status(), note) : dead(reply.status(), note);
    }
}
