package io.viberglass.viberator.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.viberglass.common.security.SecretValue;
import java.time.Instant;

/** What {@code viberator login} stores: the platform URL, the API token and who it belongs to. */
public record ClientConfig(String url, String token, String user, Instant savedAt) {

    @JsonIgnore
    public PlatformTarget target() {
        return PlatformTarget.of(url, token);
    }

    @Override
    public String toString() {
        return "ClientConfig[url=" + url + ", token=" + SecretValue.of(token) + ", user=" + user + "]";
    }
}
