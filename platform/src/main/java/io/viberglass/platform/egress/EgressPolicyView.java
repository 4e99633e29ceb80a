package io.viberglass.platform.egress;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A clanker's egress policy as configured and as it acts.
 *
 * @param allowedHosts the allow-list, in canonical spelling (lower case, no trailing dot)
 * @param enforceable whether this clanker's runtime can enforce a policy other than {@code open} (Docker and
 *     Kubernetes can; ECS, Lambda and local workers cannot)
 * @param warnings what the policy exposes or misses, in sentences for people
 */
public record EgressPolicyView(
        UUID clankerId,
        EgressMode mode,
        List<String> allowedHosts,
        boolean enforceable,
        List<String> warnings,
        Instant updatedAt) {}
