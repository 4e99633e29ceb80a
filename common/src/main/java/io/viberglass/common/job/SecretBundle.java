package io.viberglass.common.job;

import java.util.Map;

/**
 * What a Docker worker fetches once at start with its one-time bundle token: the callback token for every later call
 * and its credentials by name. Travels only in the body of that one answer; neither side stores it on disk except the
 * credentials, as 0600 files in the worker's tmpfs.
 *
 * @param callbackToken the dispatch's callback token
 * @param secrets credential name → value
 */
public record SecretBundle(String callbackToken, Map<String, String> secrets) {
    public SecretBundle {
        secrets = Map.copyOf(secrets);
    }

    /** Records print their components; this one holds nothing but secrets, so it prints their names only. */
    @Override
    public String toString() {
        return "SecretBundle[callbackToken=[redacted], secrets=" + secrets.keySet() + "]";
    }
}
