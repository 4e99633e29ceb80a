package io.viberglass.platform.sessions;

/**
 * What a person's action did.
 *
 * @param message the user turn the action added, if any
 * @param turn the assistant turn now working on it: newly launched, or the one in flight when {@code queued}
 * @param queued whether the message waits for the running turn (it goes with the next continuation turn)
 */
public record ActionResult(SessionView session, AgentTurn message, AgentTurn turn, boolean queued) {}
