package io.viberglass.platform.webhooks;

import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.PhaseRunService;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Review feedback and failed checks on a pull request that a run opened start a follow-up run on the same branch,
 * with the feedback as context. Bounded: at most the webhook's (or the platform's) limit per pull request, one per
 * failing head commit, never for the bot's own comments; the count is taken under the ticket's run lock, so racing
 * deliveries cannot exceed it.
 */
final class FollowUps {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PhaseRunService runs;
    private final int defaultLimit;

    FollowUps(Jdbi jdbi, Clock clock, PhaseRunService runs, int defaultLimit) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.runs = runs;
        this.defaultLimit = defaultLimit;
    }

    /** Thrown inside the run's transaction when the limit was reached meanwhile; the run is rolled back. */
    private static final class LimitReached extends RuntimeException {
        LimitReached() {
            super(null, null, false, false);
        }
    }

    Handled start(InboundConfig config, Delivery delivery, WebhookEvent.PullRequestFeedback feedback) {
        String type = feedback.type();
        if (isBot(config, feedback.author())) {
            return Handled.ignored(type, "Feedback from the bot itself starts no follow-up");
        }
        PullRequestRef pr = feedback.pullRequest();
        Optional<FollowUpDao.Origin> found =
                jdbi.withExtension(FollowUpDao.class, dao -> dao.origin(config.projectId(), pr.url(), pr.branch()));
        if (found.isEmpty()) {
            return Handled.ignored(
                    type,
                    "Pull request " + (pr.url() == null ? pr.branch() : pr.url()) + " was not opened by Viberglass");
        }
        FollowUpDao.Origin origin = found.get();
        if (delivery.jobId() != null) {
            return Handled.processed(type, "Follow-up run started earlier", origin.ticketId(), delivery.jobId());
        }
        if (feedback.trigger().equals("comment") && !mentionsBot(config, feedback.context())) {
            return Handled.ignored(type, "Pull request comments start a follow-up only when they mention the bot");
        }
        int limit = config.followUpLimit() == null ? defaultLimit : config.followUpLimit();
        String url = origin.pullRequestUrl();
        if (pr.headSha() != null
                && feedback.trigger().equals("check_failure")
                && jdbi.withExtension(
                        FollowUpDao.class, dao -> dao.existsForHead(url, pr.headSha(), "check_failure"))) {
            return Handled.ignored(type, "A follow-up for the failed checks of " + pr.headSha() + " already started");
        }
        if (jdbi.withExtension(FollowUpDao.class, dao -> dao.count(url)) >= limit) {
            // answered before the run is attempted: a run still busy on the ticket would otherwise make this delivery
            // retry until it ends, only to be refused then (the count is checked again inside the run's transaction)
            return limitReached(type, limit, url);
        }
        UUID clanker = config.clankerId() != null ? config.clankerId() : origin.clankerId();
        if (clanker == null) {
            return Handled.failed(type, "No agent runner to run the follow-up on: set clankerId on the webhook");
        }
        try {
            Job job = runs.followUp(
                    origin.ticketId(),
                    clanker,
                    origin.branch(),
                    context(url, origin.branch(), feedback),
                    (handle, jobId) -> {
                        FollowUpDao dao = handle.attach(FollowUpDao.class);
                        if (dao.count(url) >= limit) {
                            throw new LimitReached();
                        }
                        dao.insert(
                                UUID.randomUUID(),
                                origin.ticketId(),
                                url,
                                origin.branch(),
                                pr.headSha(),
                                feedback.trigger(),
                                delivery.id(),
                                jobId,
                                clock.instant());
                        handle.attach(DeliveryDao.class).recordJob(delivery.id(), jobId, clock.instant());
                    });
            return Handled.processed(type, "Follow-up run queued on " + origin.branch(), origin.ticketId(), job.id());
        } catch (LimitReached e) {
            return limitReached(type, limit, url);
        }
    }

    private static Handled limitReached(String type, int limit, String url) {
        return Handled.ignored(type, "The follow-up limit of " + limit + " runs for " + url + " is reached");
    }

    private static String context(String url, String branch, WebhookEvent.PullRequestFeedback feedback) {
        String text = "This run follows up on pull request " + url + " (branch " + branch + "), which an earlier run "
                + "opened. Address the feedback below with a new commit on the same branch.\n\n" + feedback.context();
        return Nodes.truncate(text, 30_000);
    }

    static boolean isBot(InboundConfig config, String author) {
        if (author == null || author.isBlank()) {
            return false;
        }
        String name = author.toLowerCase(Locale.ROOT);
        String bot = config.botUsername() == null
                ? null
                : config.botUsername().toLowerCase(Locale.ROOT).replace("@", "");
        return name.endsWith("[bot]") || (bot != null && (name.equals(bot) || name.equals(bot + "[bot]")));
    }

    static boolean mentionsBot(InboundConfig config, String text) {
        if (config.botUsername() == null || text == null) {
            return false;
        }
        String bot = config.botUsername().toLowerCase(Locale.ROOT).replace("@", "");
        return text.toLowerCase(Locale.ROOT).contains("@" + bot);
    }
}
