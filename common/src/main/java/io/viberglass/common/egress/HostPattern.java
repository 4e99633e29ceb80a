package io.viberglass.common.egress;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of an egress allow-list: a hostname ({@code github.com}), a wildcard for every subdomain of a domain
 * ({@code *.github.com}, which does not match {@code github.com} itself), or an IP literal, each with an optional port
 * ({@code registry.example:5000}). Without a port, any port matches.
 *
 * @param host lower-case, without a trailing dot; for a wildcard the domain after {@code *.}
 * @param wildcard whether subdomains of {@code host} match instead of {@code host} itself
 * @param port the only port that matches, or 0 for any
 */
public record HostPattern(String host, boolean wildcard, int port) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

    /** Parses an entry, or explains in a sentence why it is not one. */
    public static HostPattern parse(String entry) {
        String text = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an allow-list entry is empty");
        }
        boolean wildcard = text.startsWith("*.");
        String rest = wildcard ? text.substring(2) : text;
        int port = 0;
        String host = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + entry + "' has an unclosed IPv6 bracket");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                port = port(after.startsWith(":") ? after.substring(1) : after, entry);
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = port(rest.substring(rest.indexOf(':') + 1), entry);
        }
        Optional<String> normal = normalizeHost(host);
        if (normal.isEmpty()) {
            throw new IllegalArgumentException(
                    "'" + entry + "' is not a hostname, a *.domain wildcard or an IP address (with an optional :port)");
        }
        if (wildcard && (isIpLiteral(normal.get()) || normal.get().indexOf('.') < 0)) {
            throw new IllegalArgumentException("'" + entry + "' is a wildcard over a top-level domain or an address");
        }
        return new HostPattern(normal.get(), wildcard, port);
    }

    /** Whether a destination's host (as a client sent it) and port are this entry's. */
    public boolean matches(String destinationHost, int destinationPort) {
        if (port != 0 && port != destinationPort) {
            return false;
        }
        Optional<String> normal = normalizeHost(destinationHost);
        if (normal.isEmpty()) {
            return false;
        }
        String candidate = normal.get();
        if (!wildcard) {
            return candidate.equals(host);
        }
        return !isIpLiteral(candidate) && candidate.endsWith("." + host);
    }

    /**
     * The canonical form of a destination host, or empty when it is not a plain hostname or IP literal: lower case,
     * IPv6 brackets and one trailing dot removed. Anything with userinfo, a path or odd characters is no host at all,
     * so it cannot be smuggled past a comparison.
     */
    public static Optional<String> normalizeHost(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String host = raw.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253) {
            return Optional.empty();
        }
        if (host.indexOf(':') >= 0) {
            return IPV6.matcher(host).matches() ? Optional.of(host) : Optional.empty();
        }
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return Optional.empty();
                }
            }
            return Optional.of(host);
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        // all-digit dotted names such as 2130706433 or 127.1 are addresses in disguise
        if (host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return Optional.empty();
        }
        return Optional.of(host);
    }

    public static boolean isIpLiteral(String normalized) {
        return normalized.indexOf(':') >= 0 || IPV4.matcher(normalized).matches();
    }

    private static int port(String text, String entry) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw new IllegalArgumentException("'" + entry + "' has an invalid port");
    }

    @Override
    public String toString() {
        String name = (wildcard ? "*." : "") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host);
        return port == 0 ? name : name + ":" + port;
    }
}
