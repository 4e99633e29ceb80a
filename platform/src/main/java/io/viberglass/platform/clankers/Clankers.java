package io.viberglass.platform.clankers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires the clankers feature. */
public final class Clankers {
    private Clankers() {}

    public static ClankerService register(JerseyEnvironment jersey, Jdbi jdbi, Clock clock, ObjectMapper mapper) {
        ClankerService service = new ClankerService(jdbi, clock, mapper);
        jersey.register(new ClankersResource(service));
        return service;
    }
}
