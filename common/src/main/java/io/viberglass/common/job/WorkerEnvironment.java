package io.viberglass.common.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The environment variables platform invokers set on workers and {@code viberator job} reads: part of the contract
 * between them, like the payload. No variable holds a secret value except {@link #CALLBACK_TOKEN}, which the Docker
 * and ECS invokers replace with a one-time bundle token or an SSM reference.
 */
public final class WorkerEnvironment {
    public static final String JOB_ID = "JOB_ID";
    public static final String TENANT_ID = "TENANT_ID";
    public static final String PLATFORM_API_URL = "PLATFORM_API_URL";
    public static final String CALLBACK_TOKEN = "CALLBACK_TOKEN";
    /** A file holding the callback token (a mounted file); read, then deleted where the worker may. */
    public static final String CALLBACK_TOKEN_FILE = "CALLBACK_TOKEN_FILE";
    /** An SSM SecureString parameter holding the callback token (ECS); read, then deleted where the role allows. */
    public static final String CALLBACK_TOKEN_SSM_PARAMETER = "CALLBACK_TOKEN_SSM_PARAMETER";
    /** Credentials to read from SSM, as {@code NAME=/parameter/name,OTHER=/other/name}: names only, never values. */
    public static final String SSM_SECRETS = "VIBERATOR_SSM_SECRETS";
    /** A custom SSM endpoint for the worker (LocalStack, tests). */
    public static final String SSM_ENDPOINT = "VIBERATOR_SSM_ENDPOINT";

    public static final String SECRETS_DIR = "VIBERATOR_SECRETS_DIR";

    /**
     * A one-time token (Docker) that fetches the job's {@link SecretBundle} (the callback token and the credentials)
     * from the platform; the worker writes the credentials into {@link #SECRETS_DIR}, a tmpfs. Worthless once used.
     */
    public static final String SECRET_BUNDLE_TOKEN = "VIBERATOR_SECRET_BUNDLE_TOKEN";

    private WorkerEnvironment() {}

    /**
     * {@code NAME=/parameter} pairs joined by commas. Credential names are variable names and SSM parameter names
     * allow only {@code [A-Za-z0-9_.\-/]}, so neither can contain a separator.
     */
    public static String encodeSsmSecrets(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner(",");
        parameters.forEach((name, parameter) -> joined.add(name + "=" + parameter));
        return joined.toString();
    }

    /** The inverse of {@link #encodeSsmSecrets}; blank or malformed entries are skipped. */
    public static Map<String, String> decodeSsmSecrets(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null) {
            return parameters;
        }
        for (String entry : encoded.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0 && equals < entry.length() - 1) {
                parameters.put(
                        entry.substring(0, equals).trim(),
                        entry.substring(equals + 1).trim());
            }
        }
        return parameters;
    }
}
