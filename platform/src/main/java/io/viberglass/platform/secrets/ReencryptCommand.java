package io.viberglass.platform.secrets;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.infra.db.Database;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code java -jar viberglass-platform.jar secrets-reencrypt config.yml}: after adding a new key and making it
 * active, re-encrypts every database secret still under an older key. Safe to run again; old keys can be removed
 * once it reports 0.
 */
public class ReencryptCommand extends ConfiguredCommand<PlatformConfiguration> {
    public ReencryptCommand() {
        super("secrets-reencrypt", "Re-encrypt database secrets with the active key");
    }

    @Override
    protected void run(Bootstrap<PlatformConfiguration> bootstrap, Namespace namespace, PlatformConfiguration config)
            throws Exception {
        ManagedDataSource dataSource =
                config.getDataSourceFactory().build(bootstrap.getMetricRegistry(), "secrets-reencrypt");
        try {
            Jdbi jdbi = Database.configure(Jdbi.create(dataSource), bootstrap.getObjectMapper());
            int moved = Secrets.build(jdbi, Clock.systemUTC(), config.getSecrets(), System.getenv())
                    .service()
                    .reencrypt();
            System.out.println("Re-encrypted " + moved + " secret(s) with key "
                    + config.getSecrets().getActiveKeyId());
        } finally {
            dataSource.stop();
        }
    }
}
