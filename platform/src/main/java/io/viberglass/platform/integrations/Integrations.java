package io.viberglass.platform.integrations;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import io.viberglass.platform.infra.json.JsonText;
import io.viberglass.platform.secrets.OwnedSecrets;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Wires the integrations feature. */
public final class Integrations {
    private Integrations() {}

    public static IntegrationService register(
            JerseyEnvironment jersey,
            Jdbi jdbi,
            Clock clock,
            OwnedSecrets secrets,
            JsonText json,
            ProviderHttp http,
            CredentialService credentials,
            ProjectAccess access) {
        IntegrationService service =
                new IntegrationService(jdbi, clock, secrets, json, new ConnectionTester(http), credentials);
        jersey.register(new IntegrationsResource(service, access));
        jersey.register(new CredentialsResource(credentials, access));
        jersey.register(new ProjectIntegrationsResource(service, access));
        return service;
    }

    /** The client for provider APIs, with the timeout every call gets. */
    public static ProviderHttp http(Duration timeout) {
        return new ProviderHttp(timeout);
    }
}
