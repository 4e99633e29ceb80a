package io.viberglass.platform.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.common.job.AgentType;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real browser: the platform (with the built webapp on its classpath) on a random port and its own
 * database, driven by {@code webapp/e2e/dashboard.e2e.mjs} in Debian's Chromium through playwright-core. The script
 * asserts what a user sees at each step and saves screenshots of the main pages to {@code platform/target/screenshots/}
 * (to {@code docs/screenshots/} with {@code -Dscreenshots.update=true}, so a plain test run leaves the tree clean). Chromium is
 * installed by {@code scripts/ensure-chromium.sh} when missing; this test never skips.
 *
 * <p>Runs go through the real {@code viberator job} worker (local invoker) with a fake Claude Code, against a bare
 * repository on disk and a fake GitHub API, so the script can walk a ticket from research to its pull request.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class DashboardBrowserTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(DashboardBrowserTest.class);

    static final Path WORK = temporary();
    static final Path REMOTE = bareRepository();
    static final WireMockServer GITHUB = startGitHub();
    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, overrides());

    private final Path root = RepositoryRoot.find();

    private Path screenshots() {
        return Boolean.getBoolean("screenshots.update")
                ? root.resolve("docs/screenshots")
                : root.resolve("platform/target/screenshots");
    }

    @Test
    void aUserSetsUpAProjectAndTakesATicketThroughItsPhasesToAPullRequest() {
        ExternalCommand chromium =
                ExternalCommand.run(root, Duration.ofMinutes(10), List.of("bash", "scripts/ensure-chromium.sh"));
        assertThat(chromium.exitCode())
                .as("scripts/ensure-chromium.sh must provide /usr/bin/chromium:\n%s", chromium.output())
                .isZero();

        ExternalCommand e2e = ExternalCommand.run(
                root.resolve("webapp"),
                Duration.ofMinutes(8),
                List.of(
                        "node",
                        "e2e/dashboard.e2e.mjs",
                        "--base-url",
                        "http://127.0.0.1:" + APP.getLocalPort(),
                        "--screenshots",
                        screenshots().toString(),
                        "--repository-url",
                        REMOTE.toUri().toString(),
                        "--github-api-url",
                        GITHUB.baseUrl()));

        assertThat(e2e.exitCode())
                .as("dashboard e2e script output:\n%s", e2e.output())
                .isZero();
        assertThat(e2e.output()).contains("e2e: all steps passed");
    }

    @AfterAll
    static void stopGitHub() {
        GITHUB.stop();
    }

    private static ConfigOverride[] overrides() {
        Path claude = FakeAgents.install(WORK.resolve("bin"), AgentType.CLAUDE_CODE);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(
                        "dispatch.local.command",
                        "java,-Xmx256m,-XX:TieredStopAtLevel=1,-jar," + FakeAgents.viberatorJar()),
                ConfigOverride.config(
                        "dispatch.local.workDirectory", WORK.resolve("work").toString()),
                ConfigOverride.config(
                        "dispatch.local.logDirectory",
                        WORK.resolve("worker-logs").toString()),
                ConfigOverride.config("dispatch.pollInterval", "200ms")));
        FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "auto")
                .forEach((name, value) ->
                        overrides.add(ConfigOverride.config("dispatch.local.environment." + name, value)));
        return overrides.toArray(ConfigOverride[]::new);
    }

    /** Answers what the worker asks GitHub when it opens the pull request. */
    private static WireMockServer startGitHub() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                .willReturn(okJson("{\"id\":1,\"name\":\"shop\",\"full_name\":\"acme/shop\","
                        + "\"owner\":{\"login\":\"acme\"},\"html_url\":\"https://github.com/acme/shop\","
                        + "\"url\":\"" + server.baseUrl() + "/repos/acme/shop\"}")));
        server.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo("/repos/acme/shop/pulls"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":7,\"html_url\":\"https://github.com/acme/shop/pull/7\",\"url\":\""
                                + server.baseUrl() + "/repos/acme/shop/pulls/7\"}")));
        return server;
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("vg-dashboard-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path bareRepository() {
        try {
            return GitFixtures.bareRepository(WORK.resolve("remotes/acme/shop.git"), Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
