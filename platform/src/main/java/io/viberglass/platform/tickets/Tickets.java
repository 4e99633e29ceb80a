package io.viberglass.platform.tickets;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;
import io.viberglass.platform.infra.config.MediaSettings;
import io.viberglass.platform.media.MediaStores;
import io.viberglass.platform.projects.ProjectService;
import jakarta.validation.Validator;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires the tickets feature. */
public final class Tickets {
    private Tickets() {}

    public static TicketService register(
            JerseyEnvironment jersey,
            Jdbi jdbi,
            Clock clock,
            MediaSettings media,
            ProjectService projects,
            ObjectMapper mapper,
            Validator validator,
            ProjectAccess access,
            AuditLog audit) {
        TicketService service =
                new TicketService(jdbi, clock, MediaStores.from(media), media.getMaxFileBytes(), mapper);
        jersey.register(
                new TicketsResource(service, projects, mapper, validator, media.getMaxFileBytes(), access, audit));
        jersey.register(new TicketResource(service, access));
        return service;
    }
}
