package io.viberglass.platform.testing;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.viberglass.platform.PlatformApplication;
import io.viberglass.platform.PlatformConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The platform running on random ports against a test class's own database. */
public final class TestApp {
    private TestApp() {}

    public static DropwizardAppExtension<PlatformConfiguration> on(TestDatabase database, ConfigOverride... extra) {
        return on(database, Clock.systemUTC(), extra);
    }

    /** The platform reading time from {@code clock} (a {@link MutableClock} lets a test move time by hand). */
    public static DropwizardAppExtension<PlatformConfiguration> on(
            TestDatabase database, Clock clock, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>();
        overrides.add(ConfigOverride.config("database.url", database.url()));
        overrides.add(ConfigOverride.config(
                "media.localRoot", temporaryDirectory("vg-media-").toString()));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(
                new DropwizardTestSupport<>(
                        PlatformApplication.class,
                        ResourceHelpers.resourceFilePath("test-config.yml"),
                        overrides.toArray(ConfigOverride[]::new)) {
                    @Override
                    public Application<PlatformConfiguration> newApplication() {
                        return new PlatformApplication(clock);
                    }
                });
    }

    /**
     * One of several platforms in this JVM on the same database (replicas). Each reads its overrides from system
     * properties of its own prefix: with the shared {@code dw.} prefix, the last replica to stop would restore the
     * others' values and leave them set for the test classes that follow.
     */
    public static DropwizardAppExtension<PlatformConfiguration> replica(
            String name, TestDatabase database, Map<String, String> extra) {
        String prefix = "dw-" + name + ".";
        List<ConfigOverride> overrides = new ArrayList<>();
        overrides.add(ConfigOverride.config(prefix, "database.url", database.url()));
        overrides.add(ConfigOverride.config(
                prefix, "media.localRoot", temporaryDirectory("vg-media-").toString()));
        extra.forEach((key, value) -> overrides.add(ConfigOverride.config(prefix, key, value)));
        return new DropwizardAppExtension<>(
                new DropwizardTestSupport<>(
                        PlatformApplication.class,
                        ResourceHelpers.resourceFilePath("test-config.yml"),
                        prefix,
                        overrides.toArray(ConfigOverride[]::new)) {
                    @Override
                    public Application<PlatformConfiguration> newApplication() {
                        return new PlatformApplication(Clock.systemUTC());
                    }
                });
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
