package io.viberglass.platform.infra.db;

import io.dropwizard.db.DataSourceFactory;
import io.viberglass.platform.infra.config.EmbeddedDatabaseSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the configured database usable before the pool opens: falls back to an embedded PostgreSQL when the
 * configured server is unreachable (laptops only, behind a flag) and creates the database when it is missing.
 */
public class DatabaseBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBootstrap.class);

    private final DataSourceFactory dataSource;
    private final EmbeddedDatabaseSettings embedded;
    private EmbeddedDatabase started;

    public DatabaseBootstrap(DataSourceFactory dataSource, EmbeddedDatabaseSettings embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** Returns the embedded server it started, if it had to, so the caller can stop it with the application. */
    public java.util.Optional<EmbeddedDatabase> prepare() throws IOException, SQLException {
        JdbcTarget target = JdbcTarget.parse(dataSource.getUrl());
        if (!reachable(target)) {
            if (!embedded.isFallback()) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + target.host() + ":" + target.port()
                        + ". Start it, point DATABASE_URL at a running server, or set DB_EMBEDDED_FALLBACK=true to "
                        + "use an embedded PostgreSQL under " + embedded.getDataDirectory() + ".");
            }
            LOG.warn(
                    "PostgreSQL is not reachable at {}:{}; starting an embedded PostgreSQL in {} on port {}",
                    target.host(),
                    target.port(),
                    embedded.getDataDirectory(),
                    embedded.getPort());
            started = EmbeddedDatabase.start(embedded);
            target = new JdbcTarget("localhost", started.port(), target.database(), target.query());
            dataSource.setUrl(target.url());
            dataSource.setUser(EmbeddedDatabase.USER);
            dataSource.setPassword("");
        }
        createDatabaseIfMissing(target);
        return java.util.Optional.ofNullable(started);
    }

    private static boolean reachable(JdbcTarget target) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void createDatabaseIfMissing(JdbcTarget target) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", dataSource.getUser() == null ? "" : dataSource.getUser());
        credentials.setProperty("password", dataSource.getPassword() == null ? "" : dataSource.getPassword());
        String maintenanceUrl = new JdbcTarget(target.host(), target.port(), "postgres", target.query()).url();
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, credentials);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, target.database());
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("create database \"" + target.database().replace("\"", "\"\"") + "\"");
                LOG.info("Created database {}", target.database());
            }
        } catch (SQLException e) {
            // Managed databases often forbid connecting to "postgres"; the pool will report a real problem itself.
            LOG.info(
                    "Could not check whether database {} exists ({}); assuming it does",
                    target.database(),
                    e.getMessage());
        }
    }

    /** The parts of a {@code jdbc:postgresql://host:port/database?query} URL. */
    record JdbcTarget(String host, int port, String database, String query) {
        static JdbcTarget parse(String jdbcUrl) {
            if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("database.url must be a jdbc:postgresql:// URL");
            }
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
            return new JdbcTarget(
                    uri.getHost() == null ? "localhost" : uri.getHost(),
                    uri.getPort() == -1 ? 5432 : uri.getPort(),
                    path.substring(1),
                    uri.getRawQuery());
        }

        String url() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query);
        }
    }
}
