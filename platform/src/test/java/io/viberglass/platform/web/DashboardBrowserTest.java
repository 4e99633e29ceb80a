package io.viberglass.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real browser: the platform (with the built webapp on its classpath) on a random port and its own
 * database, driven by {@code webapp/e2e/dashboard.e2e.mjs} in Debian's Chromium through playwright-core. The script
 * asserts what a user sees at each step and saves screenshots of the main pages to {@code platform/target/screenshots/}
 * (to {@code docs/screenshots/} with {@code -Dscreenshots.update=true}, so a plain test run leaves the tree clean). Chromium is
 * installed by {@code scripts/ensure-chromium.sh} when missing; this test never skips.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardBrowserTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(DashboardBrowserTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Path root = RepositoryRoot.find();

    private Path screenshots() {
        return Boolean.getBoolean("screenshots.update")
                ? root.resolve("docs/screenshots")
                : root.resolve("platform/target/screenshots");
    }

    @Test
    void aUserCreatesAProjectConfiguresItsRepositoryAndFilesATicket() {
        ExternalCommand chromium =
                ExternalCommand.run(root, Duration.ofMinutes(10), List.of("bash", "scripts/ensure-chromium.sh"));
        assertThat(chromium.exitCode())
                .as("scripts/ensure-chromium.sh must provide /usr/bin/chromium:\n%s", chromium.output())
                .isZero();

        ExternalCommand e2e = ExternalCommand.run(
                root.resolve("webapp"),
                Duration.ofMinutes(3),
                List.of(
                        "node",
                        "e2e/dashboard.e2e.mjs",
                        "--base-url",
                        "http://127.0.0.1:" + APP.getLocalPort(),
                        "--screenshots",
                        screenshots().toString()));

        assertThat(e2e.exitCode())
                .as("dashboard e2e script output:\n%s", e2e.output())
                .isZero();
        assertThat(e2e.output()).contains("e2e: all steps passed");
    }
}
