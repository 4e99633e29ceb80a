package io.viberglass.platform.secrets;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/** Wires the secrets feature. */
public final class Secrets {
    private Secrets() {}

    /** The pieces other features use: values for jobs, and the service. */
    public record Parts(SecretService service, SecretValues values, SecretCipher cipher, OwnedSecrets owned) {}

    public static Parts build(Jdbi jdbi, Clock clock, SecretSettings settings, java.util.Map<String, String> env) {
        SecretCipher cipher = new SecretCipher(settings, new SecureRandom());
        SsmParameters ssm = new SsmParameters(ssmClient(settings));
        SecretValues values = new SecretValues(cipher, ssm, env);
        return new Parts(
                new SecretService(jdbi, clock, cipher, ssm, settings),
                values,
                cipher,
                new OwnedSecrets(jdbi, clock, cipher, values));
    }

    public static Parts register(
            JerseyEnvironment jersey, Jdbi jdbi, Clock clock, SecretSettings settings, ProjectAccess access) {
        Parts parts = build(jdbi, clock, settings, System.getenv());
        jersey.register(new SecretsResource(parts.service(), access));
        return parts;
    }

    /** Built lazily by the SDK on first use, so a platform without AWS access starts fine. */
    private static SsmClient ssmClient(SecretSettings settings) {
        SsmClientBuilder builder = SsmClient.builder();
        if (settings.getSsmRegion() != null) {
            builder.region(Region.of(settings.getSsmRegion()));
        } else {
            builder.region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")));
        }
        if (settings.getSsmEndpoint() != null) {
            builder.endpointOverride(URI.create(settings.getSsmEndpoint()));
        }
        return builder.build();
    }
}
