package io.viberglass.platform.testing;

import io.viberglass.platform.infra.db.Migrations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database for one test class, cloned from a template that is migrated once per changelog version
 * (CREATE DATABASE … TEMPLATE takes a fraction of a second, Liquibase takes seconds). Register it as a static
 * {@code @RegisterExtension} field: it creates the database at class load, before the application starts, and drops it
 * after the class.
 */
public final class TestDatabase implements AfterAllCallback {
    static final String SERVER = System.getenv().getOrDefault("VIBERGLASS_TEST_PG", "127.0.0.1:5432");
    private static final String USER = "postgres";

    private final String name;
    private final Class<?> owner;

    private TestDatabase(String name, Class<?> owner) {
        this.name = name;
        this.owner = owner;
    }

    /** A migrated database for {@code testClass}. */
    public static TestDatabase migrated(Class<?> testClass) {
        String template = ensureTemplate();
        String name = ("vg_" + testClass.getSimpleName() + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        execute("create database " + name + " template " + template);
        return new TestDatabase(name, testClass);
    }

    /** An empty database, for tests of the migrations themselves. */
    public static TestDatabase empty(Class<?> testClass) {
        String name = ("vg_" + testClass.getSimpleName() + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        execute("create database " + name);
        return new TestDatabase(name, testClass);
    }

    public String name() {
        return name;
    }

    public String url() {
        return url(name);
    }

    public PGSimpleDataSource dataSource() {
        return dataSource(name);
    }

    /** A connection pool on this database, as the application has; close it when done. */
    public io.dropwizard.db.ManagedDataSource pool() {
        io.dropwizard.db.DataSourceFactory factory = new io.dropwizard.db.DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setUrl(url());
        factory.setUser(USER);
        factory.setPassword("");
        factory.setMinSize(1);
        factory.setInitialSize(1);
        factory.setMaxSize(16);
        return factory.build(new com.codahale.metrics.MetricRegistry(), name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass() != owner) {
            return; // @Nested classes inherit the extension; only the owning class drops the database
        }
        drop();
    }

    /** Drops the database now (for databases a test made for itself). */
    public void drop() {
        execute("drop database if exists " + name + " with (force)");
    }

    private static String ensureTemplate() {
        String template = "vg_template_" + changelogHash();
        try (Connection admin = connect("postgres");
                Statement statement = admin.createStatement()) {
            // one builder at a time across test JVMs (parallel builds of worktrees share this server)
            statement.execute("select pg_advisory_lock(727274)");
            try {
                var exists = statement.executeQuery("select 1 from pg_database where datname = '" + template + "'");
                if (!exists.next()) {
                    String building = template + "_building";
                    statement.execute("drop database if exists " + building + " with (force)");
                    statement.execute("create database " + building);
                    Migrations.apply(dataSource(building));
                    statement.execute("alter database " + building + " rename to " + template);
                    statement.execute("alter database " + template + " is_template true");
                }
            } finally {
                statement.execute("select pg_advisory_unlock(727274)");
            }
            return template;
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not prepare the test database template on " + SERVER + ": " + e.getMessage(), e);
        }
    }

    /** Changes to any changelog file give a new template, so tests never run on a stale schema. */
    private static String changelogHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ClassLoader loader = TestDatabase.class.getClassLoader();
            digest.update(read(loader.getResource(Migrations.CHANGELOG)));
            Enumeration<URL> changelogs = loader.getResources("db/changelog");
            while (changelogs.hasMoreElements()) {
                java.nio.file.Path directory =
                        java.nio.file.Path.of(changelogs.nextElement().toURI());
                try (var files = java.nio.file.Files.list(directory)) {
                    for (java.nio.file.Path file : files.sorted().toList()) {
                        digest.update(file.getFileName().toString().getBytes());
                        digest.update(java.nio.file.Files.readAllBytes(file));
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (Exception e) {
            throw new IllegalStateException("Could not hash the changelog", e);
        }
    }

    private static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection admin = connect("postgres");
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + SERVER + " refused '" + sql + "': " + e.getMessage()
                            + ". Tests need a running PostgreSQL with trust auth for user postgres; start it with "
                            + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
                    e);
        }
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, "");
    }

    static String url(String database) {
        return "jdbc:postgresql://" + SERVER + "/" + database;
    }

    static PGSimpleDataSource dataSource(String database) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url(database));
        source.setUser(USER);
        return source;
    }
}
