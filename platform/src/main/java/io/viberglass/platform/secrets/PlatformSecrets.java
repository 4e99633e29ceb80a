package io.viberglass.platform.secrets;

import io.viberglass.common.security.SecretValue;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Secrets the platform itself uses (an app's signing secret, a bot token), found by name among the global secrets and
 * read at the last moment; without such a secret, the platform's environment variable of that name.
 */
public class PlatformSecrets {
    private final Jdbi jdbi;
    private final SecretValues values;
    private final Map<String, String> environment;

    public PlatformSecrets(Jdbi jdbi, SecretValues values, Map<String, String> environment) {
        this.jdbi = jdbi;
        this.values = values;
        this.environment = Map.copyOf(environment);
    }

    public Optional<SecretValue> find(String name) {
        Optional<Secret> stored = jdbi.withExtension(SecretDao.class, dao -> dao.findGlobal(name));
        if (stored.isPresent()) {
            return Optional.of(values.read(stored.get()));
        }
        return Optional.ofNullable(environment.get(name))
                .filter(value -> !value.isEmpty())
                .map(SecretValue::of);
    }
}
