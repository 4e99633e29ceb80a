package io.viberglass.viberator.client;

import java.util.Map;
import java.util.Optional;

/**
 * Decides which platform and token a command uses: {@code VIBERGLASS_URL} / {@code VIBERGLASS_TOKEN} (CI) override
 * the file {@code viberator login} wrote. A stored token is only sent to the URL it was stored for, so pointing
 * {@code VIBERGLASS_URL} elsewhere never leaks it.
 */
public final class TargetResolver {
    public static final String URL_VARIABLE = "VIBERGLASS_URL";
    public static final String TOKEN_VARIABLE = "VIBERGLASS_TOKEN";

    private final Map<String, String> environment;
    private final ConfigStore store;

    public TargetResolver(Map<String, String> environment, ConfigStore store) {
        this.environment = environment;
        this.store = store;
    }

    /** Throws {@link PlatformException.AuthenticationFailed} when no URL or no token is known. */
    public PlatformTarget resolve() {
        Optional<ClientConfig> stored = store.load();
        String url = variable(URL_VARIABLE)
                .or(() -> stored.map(ClientConfig::url))
                .orElseThrow(() -> new PlatformException.AuthenticationFailed(
                        "Not logged in: run 'viberator login <platform-url>', or set " + URL_VARIABLE + " and "
                                + TOKEN_VARIABLE,
                        null));
        String token = variable(TOKEN_VARIABLE)
                .or(() -> stored.filter(config -> sameUrl(config.url(), url)).map(ClientConfig::token))
                .orElseThrow(() -> new PlatformException.AuthenticationFailed(
                        "No API token for " + url + ": run 'viberator login " + url + "', or set " + TOKEN_VARIABLE,
                        null));
        return PlatformTarget.of(url, token);
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    private static boolean sameUrl(String a, String b) {
        return PlatformTarget.of(a, "")
                .baseUrl()
                .equals(PlatformTarget.of(b, "").baseUrl());
    }
}
