package io.viberglass.platform.infra.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.jackson2.Jackson2Config;
import org.jdbi.v3.jackson2.Jackson2Plugin;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Builds the one {@link Jdbi}: managed pool, health check, SQL metrics, and the plugins PostgreSQL work needs. */
public final class Database {
    private Database() {}

    public static Jdbi build(Environment environment, DataSourceFactory dataSource, ObjectMapper mapper) {
        Jdbi jdbi = new JdbiFactory().build(environment, dataSource, "postgresql");
        configure(jdbi, mapper);
        return jdbi;
    }

    /** Plugins and mappers shared by the application and tests that open their own {@link Jdbi}. */
    public static Jdbi configure(Jdbi jdbi, ObjectMapper mapper) {
        jdbi.installPlugin(new SqlObjectPlugin());
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.installPlugin(new Jackson2Plugin());
        jdbi.installPlugin(new WireEnumPlugin());
        jdbi.getConfig(Jackson2Config.class).setMapper(mapper);
        return jdbi;
    }
}
