package io.viberglass.viberator.cli;

import io.viberglass.common.job.WorkerEnvironment;
import io.viberglass.viberator.credentials.SsmSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Where {@code viberator job} finds its callback token: the flag, {@code CALLBACK_TOKEN}, a file named by
 * {@code CALLBACK_TOKEN_FILE} (a mounted file) or an SSM parameter named by {@code CALLBACK_TOKEN_SSM_PARAMETER} (the
 * ECS invoker stages it there). Docker workers get theirs in a one-time secret bundle instead ({@link SecretBundleFetch}). Files and parameters are deleted once read,
 * where the worker may, so the token lives only in the worker's memory.
 */
final class CallbackTokenSource {
    private final CliEnvironment environment;

    CallbackTokenSource(CliEnvironment environment) {
        this.environment = environment;
    }

    /** The token, or {@code null} when none of the sources names one. */
    String resolve(String flag) throws TokenUnavailableException {
        if (present(flag)) {
            return flag;
        }
        String variable = environment.get(WorkerEnvironment.CALLBACK_TOKEN);
        if (present(variable)) {
            return variable;
        }
        String file = environment.get(WorkerEnvironment.CALLBACK_TOKEN_FILE);
        if (present(file)) {
            return fromFile(Path.of(file));
        }
        String parameter = environment.get(WorkerEnvironment.CALLBACK_TOKEN_SSM_PARAMETER);
        if (present(parameter)) {
            try (SsmClient ssm = SsmSecrets.client(environment.variables())) {
                return new SsmSecrets(ssm).consume(parameter).strip();
            } catch (SsmSecrets.SsmReadException e) {
                throw new TokenUnavailableException("The callback token could not be read: " + e.getMessage());
            }
        }
        return null;
    }

    private static String fromFile(Path file) throws TokenUnavailableException {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new TokenUnavailableException("CALLBACK_TOKEN_FILE " + file + " is not readable");
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a read-only mount keeps its file; the token is in memory all the same
        }
        return token.isEmpty() ? null : token;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A token source was named but could not be read. */
    static final class TokenUnavailableException extends Exception {
        TokenUnavailableException(String message) {
            super(message);
        }
    }
}
