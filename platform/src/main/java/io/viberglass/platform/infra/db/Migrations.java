package io.viberglass.platform.infra.db;

import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelog, the same one {@code db migrate} uses. Liquibase's lock table keeps two starting
 * replicas from migrating at once, and applied changesets are skipped, so running it again changes nothing.
 */
public final class Migrations {
    public static final String CHANGELOG = "migrations.xml";

    private Migrations() {}

    /** Migrates through a short-lived pool of its own, closed afterwards. */
    public static void apply(DataSourceFactory factory, MetricRegistry metrics) throws Exception {
        ManagedDataSource dataSource = factory.build(metrics, "migrations");
        try {
            apply(dataSource);
        } finally {
            dataSource.stop();
        }
    }

    @SuppressWarnings("deprecation") // the Liquibase facade is what dropwizard-migrations itself drives
    public static void apply(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database =
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database)) {
                liquibase.update("");
            }
        }
    }
}
