package io.viberglass.platform.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.jobs.Job;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.jobs.JobQueue;
import io.viberglass.platform.jobs.JobService;
import io.viberglass.platform.jobs.PayloadFactory;
import io.viberglass.platform.jobs.RunTargets;
import io.viberglass.platform.prompts.PromptTemplateService;
import io.viberglass.platform.streams.Streams;
import io.viberglass.platform.tickets.TicketService;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the sessions feature in two steps: its job listener must join the listener list before the job services
 * exist, and its routes need the job service (a cancelled session cancels its turn's job).
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** The notifications sent as someone starts or stops being present in a session on some replica. */
    static final String PRESENCE_CHANNEL = "viberglass_presence";

    private final Jdbi jdbi;
    private final Clock clock;
    private final JsonText json;
    private final TicketService tickets;
    private final SessionTimeline timeline;
    private final SessionTransitions transitions;
    private final Duration presenceInterval;

    public Sessions(
            Jdbi jdbi,
            Clock clock,
            ObjectMapper mapper,
            SessionSettings settings,
            JobQueue queue,
            TicketService tickets,
            RunTargets targets,
            PayloadFactory payloads,
            PromptTemplateService prompts) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.json = new JsonText(mapper);
        this.tickets = tickets;
        this.timeline = new SessionTimeline(json);
        this.presenceInterval = Duration.ofMillis(settings.getPresenceInterval().toMilliseconds());
        this.transitions = new SessionTransitions(
                timeline,
                new TurnLauncher(jdbi, queue, tickets, targets, payloads, prompts, timeline, (int)
                        Math.min(86_400, settings.getPermissionTimeout().toSeconds())),
                json);
    }

    public JobListener listener() {
        return new SessionJobListener(transitions);
    }

    /**
     * Serves the session routes and callbacks, and keeps presence with the other replicas (under a random id for this
     * run of this replica); returns the service, which the Slack bridge acts through too.
     */
    public SessionService register(
            Environment environment,
            JobService jobs,
            Function<Job, SecretRedactor> redactors,
            Streams streams,
            ProjectAccess access,
            DatabaseNotifications notifications) {
        Presence presence = new Presence(jdbi, clock, UUID.randomUUID(), streams.hub(), new PresenceFrames(json));
        notifications.subscribe(PRESENCE_CHANNEL, presence::changed, presence::changedAnywhere);
        environment.lifecycle().manage(new PresenceHeartbeat(presence, presenceInterval));
        JerseyEnvironment jersey = environment.jersey();
        SessionService service = new SessionService(
                jdbi,
                clock,
                tickets,
                transitions,
                timeline,
                (jobId, by) -> {
                    try {
                        jobs.cancel(jobId, by);
                    } catch (DomainException e) {
                        LOG.debug("The cancelled session's job {} had ended already: {}", jobId, e.getMessage());
                    }
                },
                presence::online);
        SessionCallbackService callbacks = new SessionCallbackService(jdbi, clock, transitions, timeline, redactors);
        jersey.register(new AgentSessionsResource(service, new SessionStreams(jdbi, json, streams, presence), access));
        jersey.register(new TicketSessionsResource(service, access));
        jersey.register(new SessionCallbacksResource(callbacks, new DecisionWaits(callbacks, streams.hub())));
        return service;
    }
}
