package io.viberglass.platform.dispatch;

import io.viberglass.common.egress.HostPattern;
import io.viberglass.common.job.RepositorySpec;
import io.viberglass.platform.egress.EgressMode;
import io.viberglass.platform.egress.EgressPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run may reach, worked out at dispatch: the clanker's policy plus the hosts the worker needs itself for this
 * job's repository (clone host, its pull-request API). The invoker adds the platform address it hands the worker,
 * since only it knows how the worker reaches the platform.
 *
 * @param allowedHosts allow-list entries (see {@link HostPattern}) without the platform's
 */
public record EgressPlan(EgressMode mode, List<String> allowedHosts) {
    public static final EgressPlan OPEN = new EgressPlan(EgressMode.OPEN, List.of());

    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@([\\w.-]+):.*");

    public EgressPlan {
        allowedHosts = List.copyOf(allowedHosts);
    }

    public boolean restricted() {
        return mode != EgressMode.OPEN;
    }

    public static EgressPlan of(EgressPolicy policy, RepositorySpec repository) {
        if (policy.mode() == EgressMode.OPEN) {
            return OPEN;
        }
        Set<String> hosts = new LinkedHashSet<>(scmHosts(repository));
        if (policy.mode() == EgressMode.ALLOWLIST) {
            hosts.addAll(policy.allowedHosts());
        }
        return new EgressPlan(policy.mode(), new ArrayList<>(hosts));
    }

    /** The proxy's whole allow-list: these hosts and the platform's address as the worker is told it. */
    public List<String> withPlatform(String platformUrl) {
        Set<String> hosts = new LinkedHashSet<>();
        authority(platformUrl).ifPresent(hosts::add);
        hosts.addAll(allowedHosts);
        return List.copyOf(hosts);
    }

    /** The clone host, and the API host pull requests are opened on (github.com's and bitbucket.org's differ). */
    static List<String> scmHosts(RepositorySpec repository) {
        if (repository == null) {
            return List.of();
        }
        Set<String> hosts = new LinkedHashSet<>();
        for (String url : new String[] {
            repository.url(),
            repository.apiUrl(),
            repository.pullRequest() == null ? null : repository.pullRequest().repositoryUrl()
        }) {
            host(url).ifPresent(host -> {
                hosts.add(host);
                if (host.equals("github.com")) {
                    hosts.add("api.github.com");
                } else if (host.equals("bitbucket.org")) {
                    hosts.add("api.bitbucket.org");
                }
            });
        }
        return List.copyOf(hosts);
    }

    private static Optional<String> host(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        Matcher scp = SCP_LIKE.matcher(url.strip());
        String raw;
        if (scp.matches() && !url.contains("://")) {
            raw = scp.group(1);
        } else {
            try {
                raw = URI.create(url.strip()).getHost();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return HostPattern.normalizeHost(raw);
    }

    /** {@code host:port} of a URL, the port made explicit so the proxy allows only that one. */
    static Optional<String> authority(String url) {
        try {
            URI uri = URI.create(url);
            Optional<String> host = HostPattern.normalizeHost(uri.getHost());
            if (host.isEmpty()) {
                return Optional.empty();
            }
            int port = uri.getPort() > 0
                    ? uri.getPort()
                    : "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
            String name = host.get().indexOf(':') >= 0 ? "[" + host.get() + "]" : host.get();
            return Optional.of(name + ":" + port);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
