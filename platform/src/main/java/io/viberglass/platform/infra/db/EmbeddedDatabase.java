package io.viberglass.platform.infra.db;

import io.dropwizard.lifecycle.Managed;
import io.viberglass.platform.infra.config.EmbeddedDatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * An embedded PostgreSQL (zonky binaries) for laptops with no database server. Its data directory persists between
 * runs. As root, zonky runs the server inside a user namespace ({@code unshare -U}) because PostgreSQL refuses to run
 * as root.
 */
public final class EmbeddedDatabase implements Managed {
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(EmbeddedDatabaseSettings settings) throws IOException {
        File dataDirectory = new File(settings.getDataDirectory());
        Files.createDirectories(dataDirectory.toPath());
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(settings.getPort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Could not start the embedded PostgreSQL in " + dataDirectory + ": "
                            + e.getMessage()
                            + (isRoot()
                                    ? ". Running as root needs 'unshare' (util-linux) and user "
                                            + "namespaces; otherwise run as an unprivileged user or start a PostgreSQL server and set "
                                            + "DATABASE_URL."
                                    : ""),
                    e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void stop() throws IOException {
        postgres.close();
    }
}
