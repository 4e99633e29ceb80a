package io.viberglass.viberator.client;

import io.viberglass.common.security.SecretValue;
import java.net.URI;

/** Which platform to talk to and with which API token. The token's {@code toString} is redacted. */
public record PlatformTarget(URI baseUrl, SecretValue token) {

    public PlatformTarget {
        if (baseUrl == null
                || baseUrl.getScheme() == null
                || !baseUrl.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("The platform URL must start with http:// or https://, got " + baseUrl);
        }
    }

    /** Accepts {@code https://vg.example}, {@code https://vg.example/} and {@code https://vg.example/api}. */
    public static PlatformTarget of(String url, String token) {
        String base = url.strip().replaceAll("/+$", "").replaceAll("/api$", "");
        return new PlatformTarget(URI.create(base), SecretValue.of(token == null ? "" : token.strip()));
    }

    /** {@code path} starts with {@code /api/}. */
    public URI resolve(String path) {
        return URI.create(baseUrl + path);
    }
}
