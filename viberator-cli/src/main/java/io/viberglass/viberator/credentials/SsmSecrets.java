package io.viberglass.viberator.credentials;

import io.viberglass.common.job.WorkerEnvironment;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads the credentials of ECS and Lambda workers from AWS SSM Parameter Store by name, with the task's or function's
 * own role: the platform sends only parameter names. Values stay in memory, like consumed secret files.
 */
public final class SsmSecrets {
    private static final int BATCH = 10; // GetParameters takes at most ten names

    private final SsmClient ssm;

    public SsmSecrets(SsmClient ssm) {
        this.ssm = ssm;
    }

    /**
     * An SSM client for the worker's region ({@code AWS_REGION}), endpoint ({@code VIBERATOR_SSM_ENDPOINT}) and
     * credentials: keys in the given environment when present, else the SDK's default chain (task role, function
     * role).
     */
    public static SsmClient client(Map<String, String> environment) {
        String region =
                environment.getOrDefault("AWS_REGION", environment.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        SsmClientBuilder builder = SsmClient.builder()
                .region(Region.of(region))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(credentials(environment));
        String endpoint = environment.get(WorkerEnvironment.SSM_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> environment) {
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (key == null || key.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String session = environment.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(
                session == null || session.isBlank()
                        ? AwsBasicCredentials.create(key, secret)
                        : AwsSessionCredentials.create(key, secret, session));
    }

    /**
     * Values by credential name for {@code parameters} (credential name → parameter name), decrypted.
     *
     * @throws SsmReadException naming the parameters that are missing or unreadable, never a value
     */
    public Map<String, String> read(Map<String, String> parameters) throws SsmReadException {
        Map<String, String> byParameter = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(parameters.values()));
        List<String> invalid = new ArrayList<>();
        try {
            for (int from = 0; from < names.size(); from += BATCH) {
                List<String> batch = names.subList(from, Math.min(from + BATCH, names.size()));
                GetParametersResponse response =
                        ssm.getParameters(get -> get.names(batch).withDecryption(true));
                for (Parameter parameter : response.parameters()) {
                    byParameter.put(parameter.name(), parameter.value());
                }
                invalid.addAll(response.invalidParameters());
            }
        } catch (SdkException e) {
            throw new SsmReadException("Could not read " + names + " from SSM: " + e.getMessage(), e);
        }
        if (!invalid.isEmpty()) {
            throw new SsmReadException("SSM has no parameter " + String.join(", ", invalid), null);
        }
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach((credential, parameter) -> values.put(credential, byParameter.get(parameter)));
        return values;
    }

    /**
     * A staged one-time value (the callback token): read, then deleted so it does not outlive its use. A role without
     * delete permission keeps the parameter; the platform overwrites it at the job's next dispatch.
     */
    public String consume(String parameter) throws SsmReadException {
        String value;
        try {
            value = ssm.getParameter(get -> get.name(parameter).withDecryption(true))
                    .parameter()
                    .value();
        } catch (SdkException e) {
            throw new SsmReadException("Could not read " + parameter + " from SSM: " + e.getMessage(), e);
        }
        try {
            ssm.deleteParameter(delete -> delete.name(parameter));
        } catch (SdkException e) {
            // best effort: the value is already in memory
        }
        return value;
    }

    /** SSM could not give a credential; the message names parameters, never values. */
    public static final class SsmReadException extends Exception {
        public SsmReadException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
