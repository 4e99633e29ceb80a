package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.secrets.JobSecrets;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires the model proxy and the usage API; the broker itself is built with dispatch, which calls it. */
public final class Llm {
    private Llm() {}

    public static void register(
            JerseyEnvironment jersey,
            Jdbi jdbi,
            Clock clock,
            LlmSettings settings,
            JobSecrets secrets,
            ObjectMapper mapper,
            ProjectAccess access,
            AuditLog audit) {
        UsageRecorder recorder = new UsageRecorder(jdbi, new Pricing(settings.getPrices()));
        jersey.register(new ModelProxyResource(new ModelProxy(jdbi, clock, settings, secrets, recorder, mapper)));
        UsageService usage = new UsageService(jdbi, clock);
        jersey.register(new UsageResources.Jobs(usage, access));
        jersey.register(new UsageResources.Tickets(usage, access));
        jersey.register(new UsageResources.Projects(usage, access));
        jersey.register(new UsageResources.Clankers(usage, access));
        jersey.register(new CostControlsResource(new CostControlsService(jdbi, clock, audit), access));
    }
}
