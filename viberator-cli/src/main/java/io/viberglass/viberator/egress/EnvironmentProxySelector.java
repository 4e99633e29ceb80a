package io.viberglass.viberator.egress;

import io.viberglass.common.egress.HostPattern;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The conventional {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY} variables (either case) as a Java
 * {@link ProxySelector}. The JDK ignores those variables, but the JDK HTTP client and JGit both ask
 * {@link ProxySelector#getDefault()}, so installing this one routes the worker's own traffic (payload, callbacks,
 * clone, push, pull request API) through the egress proxy the platform set up for it.
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private final Proxy https;
    private final Proxy http;
    private final List<String> noProxy;

    EnvironmentProxySelector(Proxy https, Proxy http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /** A selector for these variables, or empty when they name no proxy (keep the JDK's default then). */
    public static Optional<EnvironmentProxySelector> from(Map<String, String> environment) {
        Proxy https = proxy(variable(environment, "HTTPS_PROXY"));
        Proxy http = proxy(variable(environment, "HTTP_PROXY"));
        if (https == Proxy.NO_PROXY && http == Proxy.NO_PROXY) {
            return Optional.empty();
        }
        String exclusions = variable(environment, "NO_PROXY");
        List<String> noProxy = exclusions == null
                ? List.of()
                : Arrays.stream(exclusions.split(","))
                        .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
                        .filter(entry -> !entry.isEmpty())
                        .toList();
        return Optional.of(new EnvironmentProxySelector(https, http, noProxy));
    }

    @Override
    public List<Proxy> select(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy proxy =
                switch (scheme) {
                    case "https", "wss" -> https;
                    case "http", "ws" -> http;
                    default -> Proxy.NO_PROXY;
                };
        if (proxy != Proxy.NO_PROXY && excluded(uri.getHost())) {
            proxy = Proxy.NO_PROXY;
        }
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // nothing to learn: there is one proxy and no fallback
    }

    private boolean excluded(String rawHost) {
        Optional<String> host = HostPattern.normalizeHost(rawHost);
        if (host.isEmpty()) {
            return false;
        }
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String domain = entry.startsWith("*.") ? entry.substring(1) : entry;
            domain = domain.startsWith(".") ? domain.substring(1) : domain;
            if (host.get().equals(domain) || host.get().endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    private static String variable(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            value = environment.get(name.toLowerCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Proxy proxy(String value) {
        if (value == null) {
            return Proxy.NO_PROXY;
        }
        URI uri = URI.create(value.contains("://") ? value : "http://" + value);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The proxy variable is not a URL with a host");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
    }
}
