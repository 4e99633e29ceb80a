package io.viberglass.viberator.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentProxySelectorTest {
    static final Proxy SIDECAR = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("egress", 3128));

    @Test
    void noProxyVariablesLeaveTheJdkDefaultInPlace() {
        assertThat(EnvironmentProxySelector.from(Map.of("PATH", "/bin"))).isEmpty();
        assertThat(EnvironmentProxySelector.from(Map.of("HTTPS_PROXY", " "))).isEmpty();
    }

    @Test
    void httpsAndHttpGoThroughTheirProxyEitherSpelling() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.from(
                        Map.of("https_proxy", "http://egress:3128", "HTTP_PROXY", "egress:3128"))
                .orElseThrow();

        assertThat(selector.select(URI.create("https://github.com/acme/shop.git")))
                .containsExactly(SIDECAR);
        assertThat(selector.select(URI.create("http://host.docker.internal:8080/api/jobs")))
                .containsExactly(SIDECAR);
        assertThat(selector.select(URI.create("socket://github.com:22"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void noProxyExemptsHostsAndTheirSubdomainsOnly() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.from(
                        Map.of("HTTPS_PROXY", "http://egress:3128", "NO_PROXY", "localhost, .internal.example,*.corp"))
                .orElseThrow();

        assertThat(selector.select(URI.create("https://localhost/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://git.internal.example/x")))
                .containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://a.corp/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://evilinternal.example/x")))
                .containsExactly(SIDECAR);
        assertThat(selector.select(URI.create("https://github.com/x"))).containsExactly(SIDECAR);
    }

    @Test
    void anEmptyNoProxySendsEverythingThroughTheProxy() {
        EnvironmentProxySelector selector = EnvironmentProxySelector.from(
                        Map.of("HTTPS_PROXY", "http://egress:3128", "NO_PROXY", ""))
                .orElseThrow();

        assertThat(selector.select(URI.create("https://localhost/x"))).containsExactly(SIDECAR);
    }
}
