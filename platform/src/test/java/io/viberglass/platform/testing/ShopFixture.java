package io.viberglass.platform.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.dropwizard.testing.ConfigOverride;
import io.viberglass.common.job.AgentType;
import io.viberglass.viberator.testing.FakeAgents;
import io.viberglass.viberator.testing.GitFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The world of the end-to-end tests: a shop repository as a real bare git repository, a fake GitHub API that
 * accepts pull requests for {@code acme/shop}, the platform's local invoker running the real {@code viberator.jar}
 * with a fake Claude Code, and the project and clanker set up through the REST API.
 */
public final class ShopFixture {
    public static final String GITHUB_TOKEN = "ghp_" + "e2e".repeat(12);
    public static final String PULL_REQUEST_URL = "https://github.com/acme/shop/pull/7";

    private final Path work;
    private final Path remote;
    private final WireMockServer github;

    private ShopFixture(Path work, Path remote, WireMockServer github) {
        this.work = work;
        this.remote = remote;
        this.github = github;
    }

    /** A new temporary directory with the bare repository, and the fake GitHub started. */
    public static ShopFixture create(String prefix) {
        try {
            Path work = Files.createTempDirectory(prefix);
            Path remote = GitFixtures.bareRepository(work.resolve("remotes/acme/shop.git"), Map.of());
            return new ShopFixture(work, remote, startGitHub());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Path work() {
        return work;
    }

    public Path remote() {
        return remote;
    }

    public WireMockServer github() {
        return github;
    }

    public Path agentArgs() {
        return work.resolve("agent-args.txt");
    }

    public void stop() {
        github.stop();
    }

    /** The local invoker starts the real worker jar; the fake Claude Code records its arguments. */
    public ConfigOverride[] workerOverrides() {
        Path claude = FakeAgents.install(work.resolve("bin"), AgentType.CLAUDE_CODE);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(
                        "dispatch.local.command",
                        "java,-Xmx256m,-XX:TieredStopAtLevel=1,-jar," + FakeAgents.viberatorJar()),
                ConfigOverride.config(
                        "dispatch.local.workDirectory", work.resolve("work").toString()),
                ConfigOverride.config(
                        "dispatch.local.logDirectory",
                        work.resolve("worker-logs").toString()),
                ConfigOverride.config("dispatch.pollInterval", "200ms"),
                ConfigOverride.config(
                        "dispatch.local.environment.FAKE_AGENT_ARGS_FILE",
                        agentArgs().toString())));
        FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "auto")
                .forEach((name, value) ->
                        overrides.add(ConfigOverride.config("dispatch.local.environment." + name, value)));
        return overrides.toArray(ConfigOverride[]::new);
    }

    /** A project "Shop" whose repository is the bare repository and whose pull requests go to the fake GitHub. */
    public String project(Api api) {
        String projectId = api.post("/api/projects", Map.of("name", "Shop", "agentInstructions", "Keep changes small."))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String token = api.post(
                        "/api/secrets", Map.of("name", "GITHUB_TOKEN", "storage", "database", "value", GITHUB_TOKEN))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.put(
                        "/api/projects/" + projectId + "/scm-config",
                        Map.of(
                                "repositoryUrl",
                                remote.toUri().toString(),
                                "provider",
                                "github",
                                "apiUrl",
                                github.baseUrl(),
                                "credentialId",
                                token))
                .expect(200);
        return projectId;
    }

    /** A started local Claude Code clanker. */
    public String clanker(Api api) {
        String key = api.post(
                        "/api/secrets",
                        Map.of("name", "ANTHROPIC_API_KEY", "storage", "database", "value", "sk-ant-" + "k".repeat(30)))
                .expect(201)
                .json()
                .get("id")
                .asText();
        String id = api.post(
                        "/api/clankers",
                        Map.of(
                                "name",
                                "Local Claude",
                                "agent",
                                "claude-code",
                                "deploymentStrategy",
                                "local",
                                "secretIds",
                                List.of(key)))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.post("/api/clankers/" + id + "/start", Map.of()).expect(200);
        return id;
    }

    private static WireMockServer startGitHub() {
        WireMockServer server =
                new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/repos/acme/shop"))
                .willReturn(okJson("{\"id\":1,\"name\":\"shop\","
                        + "\"full_name\":\"acme/shop\",\"owner\":{\"login\":\"acme\"},\"html_url\":\"https://github.com/acme/"
                        + "shop\",\"url\":\"" + server.baseUrl() + "/repos/acme/shop\"}")));
        server.stubFor(get(urlPathEqualTo("/repos/acme/shop/pulls")).willReturn(okJson("[]")));
        server.stubFor(post(urlPathEqualTo("/repos/acme/shop/pulls"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"number\":7,\"html_url\":\"" + PULL_REQUEST_URL + "\",\"url\":\""
                                + server.baseUrl() + "/repos/acme/shop/pulls/7\"}")));
        return server;
    }
}
