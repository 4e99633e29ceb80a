package io.viberglass.platform.webhooks;

import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.trust.HeldRunStarter;
import io.viberglass.platform.trust.Hold;
import java.util.Map;
import java.util.UUID;

/** Starts a run held for an untrusted author, once approved, as the webhook would have started it. */
final class HeldRuns implements HeldRunStarter {
    private final SourceTickets tickets;
    private final FollowUps followUps;

    HeldRuns(SourceTickets tickets, FollowUps followUps) {
        this.tickets = tickets;
        this.followUps = followUps;
    }

    @Override
    public UUID start(Hold hold) {
        Map<String, Object> run = hold.run();
        UUID clanker = uuid(run.get("clankerId"));
        if (hold.kind().equals(Hold.EXECUTION)) {
            return tickets.start(hold.ticketId(), clanker, hold.deliveryId(), text(run, "reason"))
                    .id();
        }
        if (clanker == null) {
            throw DomainException.conflict("HELD_RUN_INCOMPLETE", "The held follow-up names no agent runner");
        }
        return followUps
                .start(
                        hold.ticketId(),
                        clanker,
                        text(run, "branch"),
                        new PhaseRunService.FollowUpContext(
                                text(run, "introduction"), text(run, "feedback"), text(run, "outsideAuthor")),
                        text(run, "headSha"),
                        text(run, "trigger"),
                        text(run, "pullRequestUrl"),
                        hold.deliveryId(),
                        Integer.MAX_VALUE)
                .id();
    }

    private static String text(Map<String, Object> run, String key) {
        Object value = run.get(key);
        return value == null ? null : value.toString();
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }
}
