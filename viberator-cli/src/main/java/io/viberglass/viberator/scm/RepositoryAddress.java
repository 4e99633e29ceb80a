package io.viberglass.viberator.scm;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A clone URL taken apart: host and path segments, for any of {@code https://host/a/b.git}, {@code git@host:a/b.git},
 * {@code file:///x/a/b.git} or a plain path. Local repositories have no host.
 *
 * @param scheme {@code https}, {@code http}, {@code ssh} or {@code file}
 * @param host the server, or {@code null} for a local repository
 * @param segments the path without a trailing {@code .git}
 */
public record RepositoryAddress(String scheme, String host, int port, List<String> segments) {

    public RepositoryAddress {
        segments = List.copyOf(segments);
    }

    public static RepositoryAddress parse(String url) {
        String trimmed = url.strip();
        if (trimmed.matches("^[A-Za-z0-9._-]+@[^:/]+:.*")) {
            String host = trimmed.substring(trimmed.indexOf('@') + 1, trimmed.indexOf(':'));
            return new RepositoryAddress("ssh", host, -1, split(trimmed.substring(trimmed.indexOf(':') + 1)));
        }
        if (trimmed.contains("://")) {
            URI uri = URI.create(trimmed);
            String host = uri.getHost();
            return new RepositoryAddress(uri.getScheme(), host, uri.getPort(), split(uri.getPath()));
        }
        return new RepositoryAddress("file", null, -1, split(trimmed));
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>(
                Arrays.stream(path.split("/")).filter(part -> !part.isBlank()).toList());
        if (!parts.isEmpty()) {
            String last = parts.get(parts.size() - 1);
            parts.set(parts.size() - 1, last.endsWith(".git") ? last.substring(0, last.length() - 4) : last);
        }
        return parts;
    }

    /** {@code owner/name} from the last two segments: GitHub's repository id. */
    public String ownerAndName() {
        if (segments.size() < 2) {
            throw new IllegalArgumentException("Cannot tell owner and repository name from " + this);
        }
        return segments.get(segments.size() - 2) + "/" + segments.get(segments.size() - 1);
    }

    public String owner() {
        return ownerAndName().split("/")[0];
    }

    /** The full project path, GitLab's id (groups and subgroups included); for local paths the last two segments. */
    public String projectPath() {
        return host == null ? ownerAndName() : String.join("/", segments);
    }

    /** The web base of the server, such as {@code https://gitlab.example.com:8443}. */
    public String webBase() {
        if (host == null) {
            throw new IllegalArgumentException("A local repository has no server; give the API URL explicitly");
        }
        String webScheme = "http".equals(scheme) ? "http" : "https";
        return webScheme + "://" + host + (port > 0 && !"ssh".equals(scheme) ? ":" + port : "");
    }

    /**
     * The HTTPS clone URL for an ssh-style address ({@code git@host:owner/repo.git}), which the worker uses when it
     * holds a token: JGit here speaks HTTP(S) and local transports, and tokens are HTTPS credentials. Other addresses are
     * returned unchanged.
     */
    public static String httpsForSsh(String url) {
        RepositoryAddress address = parse(url);
        if (!"ssh".equals(address.scheme()) || address.host() == null) {
            return url;
        }
        return "https://" + address.host() + "/" + String.join("/", address.segments()) + ".git";
    }

    @Override
    public String toString() {
        return (host == null ? "" : host + ":") + String.join("/", segments);
    }
}
