package io.viberglass.platform.webhooks;

import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.tickets.OutsideAuthor;
import io.viberglass.platform.trust.Hold;
import io.viberglass.platform.trust.TrustService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Review feedback and failed checks on a pull request that a run opened start a follow-up run on the same branch,
 * with the feedback as context. Bounded: at most the webhook's (or the platform's) limit per pull request, one per
 * failing head commit, never for the bot's own comments; the count is taken under the ticket's run lock, so racing
 * deliveries cannot exceed it. Feedback from an author the project does not trust is held for a project approver, and
 * its text (like any check's output, which echoes whatever the code under test printed) reaches the agent fenced as
 * untrusted data.
 */
final class FollowUps {
    private final Jdbi jdbi;
    private final Clock clock;
    private final PhaseRunService runs;
    private final int defaultLimit;
    private final TrustService trust;

    FollowUps(Jdbi jdbi, Clock clock, PhaseRunService runs, int defaultLimit, TrustService trust) {
        this.trust = trust;
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
        OutsideAuthor author = trust.judge(
                config.projectId(), config.provider().wire(), feedback.author(), feedback.authorAssociation());
        PhaseRunService.FollowUpContext context = context(url, origin.branch(), feedback, author);
        if (!author.trusted()) {
            Map<String, Object> pending = new LinkedHashMap<>();
            pending.put("clankerId", clanker.toString());
            pending.put("branch", origin.branch());
            pending.put("pullRequestUrl", url);
            pending.put("headSha", pr.headSha());
            pending.put("trigger", feedback.trigger());
            pending.put("introduction", context.introduction());
            pending.put("feedback", context.feedback());
            pending.put("outsideAuthor", context.outsideAuthor());
            trust.hold(origin.ticketId(), Hold.FOLLOW_UP, author, pending, delivery.id());
            return Handled.processed(
                    type, "The follow-up waits for a project approver: " + author.reason(), origin.ticketId(), null);
        }
        try {
            Job job = start(
                    origin.ticketId(),
                    clanker,
                    origin.branch(),
                    context,
                    pr.headSha(),
                    feedback.trigger(),
                    url,
                    delivery.id(),
                    limit);
            return Handled.processed(type, "Follow-up run queued on " + origin.branch(), origin.ticketId(), job.id());
        } catch (LimitReached e) {
            return limitReached(type, limit, url);
        }
    }

    /**
     * The follow-up run, recorded against the pull request (and its delivery) in the run's transaction; at most
     * {@code limit} per pull request, counted there (an approved hold passes {@link Integer#MAX_VALUE}: an approver
     * asked for it).
     */
    Job start(
            UUID ticketId,
            UUID clanker,
            String branch,
            PhaseRunService.FollowUpContext context,
            String headSha,
            String trigger,
            String url,
            UUID deliveryId,
            int limit) {
        return runs.followUp(ticketId, clanker, branch, context, (handle, jobId) -> {
            FollowUpDao dao = handle.attach(FollowUpDao.class);
            if (dao.count(url) >= limit) {
                throw new LimitReached();
            }
            dao.insert(UUID.randomUUID(), ticketId, url, branch, headSha, trigger, deliveryId, jobId, clock.instant());
            if (deliveryId != null) {
                handle.attach(DeliveryDao.class).recordJob(deliveryId, jobId, clock.instant());
            }
        });
    }

    private static Handled limitReached(String type, int limit, String url) {
        return Handled.ignored(type, "The follow-up limit of " + limit + " runs for " + url + " is reached");
    }

    private static PhaseRunService.FollowUpContext context(
            String url, String branch, WebhookEvent.PullRequestFeedback feedback, OutsideAuthor author) {
        String introduction = "This run follows up on pull request " + url + " (branch " + branch + "), which an "
                + "earlier run opened. Address the feedback below with a new commit on the same branch.";
        boolean checkOutput = feedback.trigger().equals("check_failure");
        String outside = !author.trusted()
                ? author.label()
                : checkOutput ? "the pull request's checks (their output echoes the code and its tests)" : null;
        return new PhaseRunService.FollowUpContext(introduction, Nodes.truncate(feedback.context(), 28_000), outside);
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
