package io.viberglass.platform.webhooks;

import io.dropwizard.core.setup.Environment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.infra.db.DatabaseNotifications;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.integrations.IntegrationService;
import io.viberglass.platform.phases.PhaseRunService;
import io.viberglass.platform.phases.WorkflowService;
import io.viberglass.platform.secrets.OwnedSecrets;
import io.viberglass.platform.tickets.TicketService;
import io.viberglass.platform.trust.HeldRunStarter;
import io.viberglass.platform.trust.TrustService;
import java.security.SecureRandom;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires inbound webhooks: configuration routes, the ingress, the delivery log and the processor. */
public final class Webhooks {
    private Webhooks() {}

    /** What inbound webhooks need from the rest of the platform. */
    public record Needs(
            IntegrationService integrations,
            OwnedSecrets secrets,
            TicketService tickets,
            WorkflowService workflow,
            PhaseRunService runs,
            ProjectAccess access,
            TrustService trust) {}

    /** Returns what starts runs held for untrusted authors once an approver approves them. */
    public static HeldRunStarter register(
            Environment environment,
            Jdbi jdbi,
            Clock clock,
            WebhookSettings settings,
            String publicUrl,
            Needs needs,
            DatabaseNotifications notifications) {
        var mapper = environment.getObjectMapper();
        SourceTickets sourceTickets =
                new SourceTickets(jdbi, clock, needs.tickets(), needs.workflow(), needs.runs(), needs.trust());
        FollowUps followUps = new FollowUps(jdbi, clock, needs.runs(), settings.getFollowUpLimit(), needs.trust());
        DeliveryHandler handler = new DeliveryHandler(mapper, sourceTickets, followUps);
        DeliveryProcessor processor = new DeliveryProcessor(jdbi, clock, settings, handler);
        Runnable wake = settings.isEnabled() ? processor::wake : () -> {};
        InboundConfigCache cache = new InboundConfigCache(
                clock, java.time.Duration.ofMillis(settings.getConfigCacheTtl().toMilliseconds()));
        notifications.subscribe(InboundConfigCache.CHANNEL, cache::evict, cache::invalidateAll);
        InboundConfigService configs = new InboundConfigService(
                jdbi,
                clock,
                needs.secrets(),
                needs.integrations(),
                new JsonText(mapper),
                new SecureRandom(),
                publicUrl,
                cache::invalidate);
        DeliveryService deliveries = new DeliveryService(jdbi, clock, configs, wake);
        environment.jersey().register(new InboundWebhooksResource(configs, deliveries, needs.access()));
        environment
                .jersey()
                .register(new WebhookIngressResource(
                        new WebhookIngest(
                                jdbi, clock, needs.secrets(), mapper, settings, wake, environment.metrics(), cache),
                        deliveries,
                        needs.access()));
        if (settings.isEnabled()) {
            environment.lifecycle().manage(processor);
        }
        return new HeldRuns(sourceTickets, followUps);
    }
}
