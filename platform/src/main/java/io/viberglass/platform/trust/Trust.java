package io.viberglass.platform.trust;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.audit.AuditLog;

/** Wires the trust feature's resources. */
public final class Trust {
    private Trust() {}

    public static void register(JerseyEnvironment jersey, TrustService trust, ProjectAccess access, AuditLog audit) {
        jersey.register(new ProjectTrustResource(trust, access, audit));
        jersey.register(new TicketTrustResource(trust, access, audit));
    }
}
