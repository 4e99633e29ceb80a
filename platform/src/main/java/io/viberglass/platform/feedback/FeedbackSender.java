package io.viberglass.platform.feedback;

import java.io.IOException;

/** Sends one outbox row to one kind of target. An {@link IOException} is a failure worth retrying. */
interface FeedbackSender {
    Attempt send(Outgoing outgoing) throws IOException;
}
