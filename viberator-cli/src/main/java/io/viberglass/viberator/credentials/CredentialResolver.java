package io.viberglass.viberator.credentials;

import io.viberglass.common.security.SecretValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves credential names to values: first a file named after the credential in the secrets directory (Docker and
 * Kubernetes mount secrets there; default {@code /run/secrets}), then the worker's environment. A missing credential is
 * not an error here; the step that needs it decides.
 */
public final class CredentialResolver {
    public static final Path DEFAULT_SECRETS_DIR = Path.of("/run/secrets");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    private final Path secretsDir;
    private final Map<String, String> environment;

    public CredentialResolver(Path secretsDir, Map<String, String> environment) {
        this.secretsDir = secretsDir;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Reads every secret file into memory and deletes the files (where the directory allows), so the agent, which runs
     * as the same user in the same sandbox, cannot read them back from disk. The worker's platform jobs use this; a
     * developer's {@code viberator run} does not, because those files are the developer's own.
     */
    public static CredentialResolver consuming(Path secretsDir, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>(environment);
        if (secretsDir != null && Files.isDirectory(secretsDir)) {
            try (var files = Files.list(secretsDir)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (!SAFE_NAME.matcher(name).matches() || name.startsWith(".") || !Files.isRegularFile(file)) {
                        continue;
                    }
                    try {
                        String value =
                                Files.readString(file, StandardCharsets.UTF_8).strip();
                        if (!value.isEmpty()) {
                            values.put(name, value);
                        }
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // a read-only mount (Kubernetes secrets) keeps its files; the value is still in memory
                    }
                }
            } catch (IOException e) {
                // an unreadable directory: credentials then come from the environment only
            }
        }
        return new CredentialResolver(null, values);
    }

    /** Values for those of {@code names} that can be found; the rest are listed by {@link #missing}. */
    public Credentials resolve(Collection<String> names) {
        Map<String, SecretValue> found = new LinkedHashMap<>();
        for (String name : names) {
            lookup(name).ifPresent(value -> found.put(name, value));
        }
        return new Credentials(found);
    }

    public List<String> missing(Collection<String> names, Credentials credentials) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (credentials.get(name).isEmpty()) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** Where a credential was found, for {@code viberator doctor}; never the value. */
    public String source(String name) {
        if (fromFile(name).isPresent()) {
            return "file " + secretsDir.resolve(name);
        }
        return fromEnvironment(name).isPresent() ? "environment" : "missing";
    }

    public Optional<SecretValue> lookup(String name) {
        return fromFile(name).or(() -> fromEnvironment(name));
    }

    private Optional<SecretValue> fromFile(String name) {
        // a name is used as a file name: refuse anything that could climb out of the directory
        if (secretsDir == null || !SAFE_NAME.matcher(name).matches() || name.startsWith(".")) {
            return Optional.empty();
        }
        Path file = secretsDir.resolve(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            // secret files usually end with a newline the value does not contain
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            return value.isEmpty() ? Optional.empty() : Optional.of(SecretValue.of(value));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<SecretValue> fromEnvironment(String name) {
        String value = environment.get(name);
        if (value == null) {
            value = environment.get(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(SecretValue.of(value));
    }
}
