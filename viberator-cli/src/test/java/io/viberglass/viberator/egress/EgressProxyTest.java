package io.viberglass.viberator.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.git.GitOperationException;
import io.viberglass.viberator.git.GitRepository;
import io.viberglass.viberator.git.TokenCredentials;
import io.viberglass.viberator.testing.GitFixtures;
import io.viberglass.viberator.testing.GitHttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The egress proxy for real: Jetty listening on a port, clients speaking HTTP to it, servers behind it. */
class EgressProxyTest {
    @RegisterExtension
    static WireMockExtension upstream = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    final List<String> blocked = new CopyOnWriteArrayList<>();
    EgressProxy proxy;

    EgressProxy start(String... allowed) throws Exception {
        return start(EgressProxy.Resolver.SYSTEM, allowed);
    }

    EgressProxy start(EgressProxy.Resolver resolver, String... allowed) throws Exception {
        proxy = new EgressProxy(
                        new InetSocketAddress("127.0.0.1", 0),
                        EgressAllowList.parse(List.of(allowed)),
                        (host, port) -> blocked.add(host + ":" + port),
                        resolver)
                .start();
        return proxy;
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** Opens a CONNECT tunnel by hand; returns the proxy's status line, and on 200 speaks HTTP through the tunnel. */
    String[] connectThenGet(String authority, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = in.readLine();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                // the proxy's response headers
            }
            if (!status.contains(" 200")) {
                return new String[] {status, null};
            }
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + authority + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            StringBuilder response = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                response.append(line).append('\n');
            }
            return new String[] {status, response.toString()};
        }
    }

    HttpResponse<String> plainGet(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                .build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class AllowedHosts {
        @Test
        void aConnectTunnelToAnAllowedHostCarriesTheConversation() throws Exception {
            upstream.stubFor(get(urlEqualTo("/repos")).willReturn(aResponse().withBody("through the tunnel")));
            start("127.0.0.1");

            String[] answer = connectThenGet("127.0.0.1:" + upstream.getPort(), "/repos");

            assertThat(answer[0]).contains("200");
            assertThat(answer[1]).startsWith("HTTP/1.1 200").contains("through the tunnel");
            assertThat(blocked).isEmpty();
        }

        @Test
        void aPlainHttpRequestToAnAllowedHostIsForwardedWithItsQuery() throws Exception {
            upstream.stubFor(get(urlEqualTo("/api/jobs/1?cursor=9"))
                    .willReturn(aResponse().withBody("forwarded")));
            start("localhost:" + upstream.getPort());

            HttpResponse<String> response = plainGet("http://localhost:" + upstream.getPort() + "/api/jobs/1?cursor=9");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("forwarded");
            upstream.verify(getRequestedFor(urlEqualTo("/api/jobs/1?cursor=9")));
        }
    }

    /**
     * A streamed response (the model proxy's server-sent events) passes through as it is written: the server sends its
     * second event only after the client has read the first, which a buffering proxy would never deliver.
     */
    @Test
    void aStreamedPlainHttpResponseReachesTheClientEventByEvent() throws Exception {
        java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/llm/job/anthropic/v1/messages", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("event: one\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
                if (firstRead.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    body.write("event: two\n\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            start("127.0.0.1");
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.port())))
                    .build();
            HttpResponse<java.util.stream.Stream<String>> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                    + server.getAddress().getPort() + "/api/llm/job/anthropic/v1/messages"))
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            java.util.Iterator<String> lines = response.body().iterator();

            assertThat(lines.next()).isEqualTo("event: one");
            firstRead.countDown();
            assertThat(lines.next()).isEmpty();
            assertThat(lines.next()).isEqualTo("event: two");
        } finally {
            server.stop(0);
        }
    }

    @Nested
    class RefusedHosts {
        @Test
        void aConnectToAHostNotOnTheListGets403AndNothingReachesIt() throws Exception {
            start("localhost");

            String[] answer = connectThenGet("127.0.0.1:" + upstream.getPort(), "/");

            assertThat(answer[0]).startsWith("HTTP/1.1 403");
            assertThat(blocked).containsExactly("127.0.0.1:" + upstream.getPort());
            upstream.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void aPlainRequestToAHostNotOnTheListGets403AndNothingReachesIt() throws Exception {
            start("localhost");

            HttpResponse<String> response =
                    plainGet("http://127.0.0.1:" + upstream.getPort() + "/steal?token=secret-value");

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(blocked).containsExactly("127.0.0.1:" + upstream.getPort());
            assertThat(String.join(" ", blocked)).doesNotContain("steal").doesNotContain("secret-value");
            upstream.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void anAllowedHostOnAnotherPortThanTheListedOneIsRefused() throws Exception {
            start("127.0.0.1:1");

            assertThat(connectThenGet("127.0.0.1:" + upstream.getPort(), "/")[0])
                    .startsWith("HTTP/1.1 403");
            upstream.verify(0, anyRequestedFor(anyUrl()));
        }

        @Test
        void userinfoCannotDressARefusedHostAsAnAllowedOne() throws Exception {
            start("localhost");

            assertThat(connectThenGet("localhost@127.0.0.1:" + upstream.getPort(), "/")[0])
                    .startsWith("HTTP/1.1 4");
            // Jetty refuses userinfo in a request target outright (400); either way it goes nowhere
            assertThat(plainGet("http://localhost@127.0.0.1:" + upstream.getPort() + "/")
                            .statusCode())
                    .isIn(400, 403);
            upstream.verify(0, anyRequestedFor(anyUrl()));
        }
    }

    @Nested
    class GitThroughTheProxy {
        @TempDir
        Path temp;

        ProxySelector previous;

        @AfterEach
        void restoreProxySelector() {
            if (previous != null) {
                ProxySelector.setDefault(previous);
            }
        }

        /** The worker installs the selector from HTTPS_PROXY/HTTP_PROXY the same way, in its main. */
        void routeThroughProxy() {
            previous = ProxySelector.getDefault();
            ProxySelector.setDefault(EnvironmentProxySelector.from(
                            Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port(), "NO_PROXY", ""))
                    .orElseThrow());
        }

        @Test
        void aCloneFromAnAllowedGitServerWorks() throws Exception {
            GitFixtures.bareRepository(temp.resolve("remotes/shop.git"), Map.of("src/App.java", "class App {}\n"));
            String token = "ghp_" + "e".repeat(36);
            try (GitHttpServer git = new GitHttpServer(temp.resolve("remotes"), token, false)) {
                start("127.0.0.1");
                routeThroughProxy();

                try (GitRepository clone = GitRepository.cloneWorkBranch(
                        git.url("shop.git"),
                        "main",
                        "viberator/egress",
                        temp.resolve("work"),
                        TokenCredentials.forToken(ScmProvider.GITHUB, SecretValue.of(token)),
                        1)) {
                    assertThat(clone.directory().resolve("src/App.java")).exists();
                }
                assertThat(blocked).isEmpty();
            }
        }

        @Test
        void aCloneFromAGitServerOffTheListFailsSayingTheEgressProxyRefusedIt() throws Exception {
            GitFixtures.bareRepository(temp.resolve("remotes/shop.git"), Map.of());
            String token = "ghp_" + "e".repeat(36);
            try (GitHttpServer git = new GitHttpServer(temp.resolve("remotes"), token, false)) {
                start("github.com");
                routeThroughProxy();

                assertThatThrownBy(() -> GitRepository.cloneWorkBranch(
                                git.url("shop.git"),
                                "main",
                                "viberator/egress",
                                temp.resolve("work"),
                                TokenCredentials.forToken(ScmProvider.GITHUB, SecretValue.of(token)),
                                1))
                        .isInstanceOf(GitOperationException.class)
                        .hasMessageContaining("egress proxy")
                        .hasMessageContaining("egress blocked")
                        .hasMessageNotContaining(token);
                assertThat(blocked).singleElement().asString().startsWith("127.0.0.1:");
            }
        }
    }

    /**
     * A restricted worker has no DNS and its proxy by IP address: its clients must hand the destination's name to the
     * proxy unresolved. The names here end in {@code .invalid}, which no resolver answers (RFC 6761); only the
     * proxy's own resolver knows them, so a client that looked one up itself would fail.
     */
    @Nested
    class NamesOnlyTheProxyResolves {
        static final String GIT_HOST = "git.viberglass.invalid";
        static final String API_HOST = "api.viberglass.invalid";

        @TempDir
        Path temp;

        final List<String> resolvedByProxy = new CopyOnWriteArrayList<>();
        ProxySelector previous;

        /** The proxy's resolver: the two names, to this machine's loopback; nothing else. */
        InetSocketAddress resolve(String host, int port) {
            resolvedByProxy.add(host + ":" + port);
            return host.endsWith(".viberglass.invalid")
                    ? new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port)
                    : InetSocketAddress.createUnresolved(host, port);
        }

        /** What the platform puts in a restricted worker's environment: the proxy's address, no name. */
        ProxySelector workerProxySelector() {
            return EnvironmentProxySelector.from(Map.of(
                            "HTTPS_PROXY", "http://127.0.0.1:" + proxy.port(),
                            "HTTP_PROXY", "http://127.0.0.1:" + proxy.port(),
                            "NO_PROXY", ""))
                    .orElseThrow();
        }

        @AfterEach
        void restoreProxySelector() {
            if (previous != null) {
                ProxySelector.setDefault(previous);
            }
        }

        @Test
        void aJdkHttpClientTunnelsToAHostNameItNeverResolves() throws Exception {
            TlsServer server = TlsServer.start(temp, API_HOST);
            try {
                start(this::resolve, API_HOST);
                HttpClient client = HttpClient.newBuilder()
                        .proxy(workerProxySelector())
                        .sslContext(server.clientContext())
                        .build();

                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("https://" + API_HOST + ":" + server.port() + "/api/jobs/1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("over TLS, through the tunnel");
                // the CONNECT line named the host, and the proxy resolved it; TLS checked the same name end to end
                assertThat(resolvedByProxy).containsExactly(API_HOST + ":" + server.port());
                assertThat(blocked).isEmpty();
            } finally {
                server.stop();
            }
        }

        @Test
        void aJGitCloneFromAHostNameItNeverResolvesWorks() throws Exception {
            GitFixtures.bareRepository(temp.resolve("remotes/shop.git"), Map.of("src/App.java", "class App {}\n"));
            String token = "ghp_" + "n".repeat(36);
            try (GitHttpServer git = new GitHttpServer(temp.resolve("remotes"), token, false)) {
                String url = git.url("shop.git").replace("127.0.0.1", GIT_HOST);
                int port = URI.create(url).getPort();
                start(this::resolve, GIT_HOST);
                previous = ProxySelector.getDefault();
                ProxySelector.setDefault(workerProxySelector()); // as the worker's main installs it

                try (GitRepository clone = GitRepository.cloneWorkBranch(
                        url,
                        "main",
                        "viberator/egress",
                        temp.resolve("work"),
                        TokenCredentials.forToken(ScmProvider.GITHUB, SecretValue.of(token)),
                        1)) {
                    assertThat(clone.directory().resolve("src/App.java")).exists();
                }
                assertThat(resolvedByProxy).isNotEmpty().allMatch(entry -> entry.equals(GIT_HOST + ":" + port));
                assertThat(blocked).isEmpty();
            }
        }
    }
}
