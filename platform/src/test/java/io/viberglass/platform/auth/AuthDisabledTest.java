package io.viberglass.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AUTH_ENABLED=false, for a laptop: no sign-in, every request is the one local administrator. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthDisabledTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(AuthDisabledTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, ConfigOverride.config("auth.enabled", "false"));

    private final Api anonymous = Api.anonymous(APP);

    @Test
    void everyRequestActsAsTheLocalAdministrator() {
        var me = anonymous.get("/api/auth/me").expect(200).json();

        assertThat(me.get("user").get("email").asText()).isEqualTo("local-admin");
        assertThat(me.get("user").get("role").asText()).isEqualTo("admin");
        assertThat(me.get("authenticatedBy").asText()).isEqualTo("local_admin");
        anonymous.post("/api/projects", Map.of("name", "On my laptop")).expect(201);
        anonymous.get("/api/users").expect(200);
    }

    @Test
    void setupIsNotAskedFor() {
        var status = anonymous.get("/api/auth/setup-status").expect(200).json();

        assertThat(status.get("requiresInitialUser").asBoolean()).isFalse();
        assertThat(status.get("authEnabled").asBoolean()).isFalse();
    }

    @Test
    void theLocalAdministratorHasNoTokensOfItsOwn() {
        anonymous.post("/api/api-tokens", Map.of("name", "nope")).expect(409);
    }
}
