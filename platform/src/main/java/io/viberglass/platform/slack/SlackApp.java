package io.viberglass.platform.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.clankers.ClankerService;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.jobs.JobListener;
import io.viberglass.platform.phases.ApprovalService;
import io.viberglass.platform.phases.PhaseOrchestrator;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.projects.ProjectService;
import io.viberglass.platform.secrets.PlatformSecrets;
import io.viberglass.platform.sessions.SessionService;
import io.viberglass.platform.tickets.TicketService;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Wires the Slack app: its job listener first (jobs need it), then the request URL and the outbox sender. */
public final class SlackApp {
    private final Jdbi jdbi;
    private final Clock clock;
    private final SlackNotices notices;
    private final TicketLinks links;

    public SlackApp(Jdbi jdbi, Clock clock, JsonText json, String publicUrl) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.notices = new SlackNotices(jdbi, clock, json);
        this.links = new TicketLinks(publicUrl);
    }

    public JobListener listener() {
        return new SlackThreadUpdates(notices, links);
    }

    /** What the app needs from the rest of the platform. */
    public record Services(
            ProjectService projects,
            ClankerService clankers,
            TicketService tickets,
            ApprovalService approvals,
            PhaseRunService runs,
            PhaseOrchestrator orchestrator,
            ProjectAccess access,
            AuditLog audit,
            SessionService sessions,
            ObjectMapper mapper) {}

    public SlackOutbox register(
            Environment environment,
            SlackSettings settings,
            PlatformSecrets secrets,
            SlackAccounts accounts,
            Services services) {
        SlackApi api = new SlackApi(settings, secrets);
        environment.lifecycle().manage(api);
        SlackActors actors = new SlackActors(api, accounts);
        SlackSessions sessions = new SlackSessions(
                jdbi, clock, actors, services.sessions(), notices, services.access(), services.audit());
        SlackBolt bolt = new SlackBolt(
                settings,
                api,
                actors,
                new SlackLauncher(
                        jdbi,
                        clock,
                        services.projects(),
                        services.clankers(),
                        services.tickets(),
                        services.orchestrator(),
                        notices,
                        links,
                        services.access(),
                        services.audit()),
                new SlackReviews(
                        jdbi,
                        clock,
                        actors,
                        services.approvals(),
                        services.orchestrator(),
                        notices,
                        services.access(),
                        services.audit()),
                new SlackMentions(
                        jdbi,
                        clock,
                        actors,
                        services.orchestrator(),
                        services.runs(),
                        notices,
                        services.access(),
                        services.audit(),
                        sessions),
                sessions);
        SlackSignature signature = new SlackSignature(
                clock, Duration.ofMillis(settings.getMaxClockSkew().toMilliseconds()));
        environment.jersey().register(new SlackResource(settings, secrets, signature, bolt));
        SlackOutbox outbox = new SlackOutbox(
                jdbi,
                clock,
                settings,
                api,
                notices,
                services.orchestrator(),
                actors,
                services.access(),
                services.audit());
        if (settings.isEnabled()) {
            environment.lifecycle().manage(outbox);
            environment
                    .lifecycle()
                    .manage(new SlackSessionBridge(
                            jdbi,
                            notices,
                            services.mapper(),
                            Duration.ofMillis(settings.getDeliveryInterval().toMilliseconds())));
        }
        return outbox;
    }
}
