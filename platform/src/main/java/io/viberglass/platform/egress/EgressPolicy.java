package io.viberglass.platform.egress;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.json.Json;

/**
 * A row of {@code clanker_egress_policies}; a clanker without one is {@link EgressMode#OPEN}.
 *
 * @param allowedHosts hostnames, {@code *.domain} wildcards or IP addresses with an optional {@code :port}; only used
 *     by {@link EgressMode#ALLOWLIST}
 */
public record EgressPolicy(UUID clankerId, EgressMode mode, @Json List<String> allowedHosts, Instant updatedAt) {

    public EgressPolicy {
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    public static EgressPolicy open(UUID clankerId) {
        return new EgressPolicy(clankerId, EgressMode.OPEN, List.of(), null);
    }
}
