package io.viberglass.platform.testing;

import io.viberglass.platform.PlatformApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The platform as a separate JVM, for tests that kill it ({@code kill -9}) and start it again on the same database
 * and port, as an operator's supervisor would.
 */
public final class PlatformProcess implements AutoCloseable {
    private final Path config;
    private final Path log;
    private final int port;
    private final int adminPort;
    private Process process;

    private PlatformProcess(Path config, Path log, int port, int adminPort) {
        this.config = config;
        this.log = log;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** Writes a configuration for {@code database} with extra YAML lines (already indented for the top level). */
    public static PlatformProcess configure(TestDatabase database, Path directory, String extraYaml) {
        return configure(database.url(), directory, extraYaml);
    }

    /**
     * As {@link #configure(TestDatabase, Path, String)} for any JDBC URL. The pool is set up as the shipped
     * {@code platform/config.yml} sets it up (validation on borrow, timeouts), since crash and outage tests are about
     * that configuration.
     */
    public static PlatformProcess configure(String databaseUrl, Path directory, String extraYaml) {
        try {
            int port = freePort();
            int adminPort = freePort();
            Path config = directory.resolve("platform.yml");
            Files.writeString(
                    config,
                    """
                    database:
                      driverClass: org.postgresql.Driver
                      url: %s
                      user: postgres
                      password: ""
                      maxSize: 20
                      initialSize: 2
                      minSize: 2
                      checkConnectionOnBorrow: true
                      validationQuery: "/* viberglass health */ select 1"
                      validationQueryTimeout: 3s
                      maxWaitForConnection: 5s
                      properties:
                        ApplicationName: viberglass-platform
                        reWriteBatchedInserts: true
                        connectTimeout: 5
                        socketTimeout: 60
                    media:
                      localRoot: %s
                    server:
                      rootPath: /api/
                      registerDefaultExceptionMappers: false
                      applicationConnectors:
                        - type: http
                          port: %d
                          bindHost: 127.0.0.1
                      adminConnectors:
                        - type: http
                          port: %d
                          bindHost: 127.0.0.1
                      shutdownGracePeriod: 0s
                      requestLog:
                        appenders: []
                    logging:
                      level: INFO
                    %s
                    """
                            .formatted(databaseUrl, directory.resolve("media"), port, adminPort, extraYaml));
            return new PlatformProcess(config, directory.resolve("platform.log"), port, adminPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The admin connector: Dropwizard's {@code /healthcheck}, metrics, threads. */
    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    /** The operating-system process id of the running platform. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Starts the JVM and waits until {@code /health} answers. */
    public PlatformProcess start(Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                PlatformApplication.class.getName(),
                "server",
                config.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient http = HttpClient.newHttpClient();
        try {
            awaitHealthy(http);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("The platform did not become healthy; its log ends with:\n" + tail(), e);
        }
        return this;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitHealthy(HttpClient http) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("The platform exited during start-up; see " + log);
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(URI.create(url() + "/health"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** SIGKILL: no shutdown hook, no graceful stop, in-flight requests and transactions simply vanish. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
