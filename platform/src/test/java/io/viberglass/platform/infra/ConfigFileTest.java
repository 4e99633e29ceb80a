package io.viberglass.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformConfiguration;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped platform/config.yml parses and validates with every variable at its default. */
class ConfigFileTest {
    @Test
    void theShippedConfigurationParsesWithItsDefaults() throws Exception {
        var mapper = Jackson.newObjectMapper();
        Json.configure(mapper);
        var factory =
                new YamlConfigurationFactory<>(PlatformConfiguration.class, Validators.newValidator(), mapper, "dw");
        var source = new SubstitutingSourceProvider(
                new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false, true));

        PlatformConfiguration config =
                factory.build(source, Path.of("config.yml").toAbsolutePath().toString()); // Surefire runs in platform/

        assertThat(config.getAuth().isEnabled()).isTrue();
        assertThat(config.getAuth().getSessionTtl().toDays()).isEqualTo(7);
        assertThat(config.getAuth().getSecureCookies()).isNull();
        assertThat(config.getAuth().getPasswordHashMemoryKib()).isEqualTo(19_456);
        assertThat(config.getAuth().getLoginPerAccount().getLimit()).isEqualTo(10);
        assertThat(config.getAuth().getLoginPerAccount().getWindow().toMinutes())
                .isEqualTo(15);
    }
}
