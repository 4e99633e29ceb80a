package io.viberglass.platform.egress;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * @param mode {@code none}, {@code allowlist} or {@code open}
 * @param allowedHosts for {@code allowlist}: hostnames, {@code *.domain} wildcards (subdomains only) or IP addresses,
 *     each with an optional {@code :port}; empty for the other modes
 */
public record EgressPolicyRequest(
        @NotNull EgressMode mode,
        @Size(max = EgressPolicyRequest.MAX_HOSTS) List<@NotNull @Size(max = 260) String> allowedHosts) {
    public static final int MAX_HOSTS = 100;

    public EgressPolicyRequest {
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts;
    }
}
