package io.viberglass.platform.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(DropwizardExtensionsSupport.class)
class HttpBasicsTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(HttpBasicsTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api api = Api.of(APP);

    @Test
    void healthAnswersOkWithTheDatabaseCheck() {
        var health = api.get("/health").expect(200).json();

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.at("/checks/postgresql/healthy").asBoolean()).isTrue();
        assertThat(health.get("timestamp").asText()).isNotBlank();
    }

    @Test
    void apiRootDescribesItself() {
        var info = api.get("/api").expect(200).json();

        assertThat(info.get("name").asText()).isEqualTo("Viberglass API");
        assertThat(info.get("health").asText()).isEqualTo("/health");
    }

    @Test
    void openApiDescribesTheProjectAndTicketRoutes() {
        var spec = api.get("/api/openapi.json").expect(200).json();

        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.get("paths").fieldNames())
                .toIterable()
                .contains(
                        "/projects",
                        "/projects/{id}",
                        "/projects/{id}/scm-config",
                        "/tickets",
                        "/tickets/{id}",
                        "/tickets/stats",
                        "/tickets/media/{mediaId}/content");
    }

    @Test
    void everyResponseUsesTheConfiguredJsonEvenForBareLists() {
        api.post("/api/projects", Map.of("name", "Json " + java.util.UUID.randomUUID()))
                .expect(201);

        var page = api.get("/api/projects?limit=1").expect(200).json();
        var list = api.get("/api/prompt-templates").expect(200).json();

        assertThat(page.at("/data/0/createdAt").isTextual())
                .as("ISO-8601 timestamps")
                .isTrue();
        assertThat(page.at("/data/0").has("description"))
                .as("nulls are omitted")
                .isFalse();
        assertThat(list.isArray()).isTrue();
        assertThat(list.get(0).has("projectOverride"))
                .as("nulls are omitted in bare lists too")
                .isFalse();
    }

    @Test
    void unknownRouteGetsTheErrorEnvelope() {
        var reply = api.get("/api/no-such-thing").expect(404);

        assertThat(reply.json().get("error").asText()).isEqualTo("Not Found");
        assertThat(reply.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void wrongMethodGetsTheErrorEnvelope() {
        var reply = api.delete("/api/projects").expect(405);

        assertThat(reply.json().get("error").asText()).isEqualTo("Method Not Allowed");
    }

    @Test
    void wrongContentTypeGets415NamingTheHeader() {
        var reply = api.raw("POST", "/api/projects", "text/plain", "name=x".getBytes())
                .expect(415);

        assertThat(reply.json().at("/details/0/field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        var reply = api.get("/api");

        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(reply.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/.env",
                "/.git/config",
                "/wp-admin/setup.php",
                "/phpmyadmin",
                "/backup.sql",
                "/actuator/health",
                "/index.php"
            })
    void scannerProbesGetAnEmpty404(String path) {
        var reply = api.get(path).expect(404);

        assertThat(reply.body()).isEmpty();
    }

    @Test
    void allowedOriginGetsCorsHeadersAndPreflightAnswers() {
        var preflight = api.send(api.builder("/api/projects")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "POST"));

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    }

    @Test
    void foreignOriginGetsNoCorsHeaders() {
        var reply = api.send(api.builder("/api/projects").GET().header("Origin", "https://evil.test"));

        assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {";!=\"", "a b", ";! =   \""})
    void aContentEncodingThatIsNotAListOfEncodingsIsA400NotA500(String encoding) {
        var get = api.send(
                api.builder("/api/").header("Content-Encoding", encoding).GET());
        var post = api.send(api.builder("/api/projects")
                .header("Content-Encoding", encoding)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        for (var reply : java.util.List.of(get, post)) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("MALFORMED_CONTENT_ENCODING");
        }
    }

    @Test
    void bodyOverTheLimitIsRefusedWith413() {
        byte[] body = ("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes();

        var reply = api.raw("POST", "/api/projects", "application/json", body).expect(413);

        assertThat(reply.json().get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWith413() {
        byte[] chunk = ("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes();
        var publisher = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunk));

        var reply = api.send(api.builder("/api/projects")
                        .header("Content-Type", "application/json")
                        .POST(publisher))
                .expect(413);

        assertThat(reply.json().get("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void prometheusMetricsAreServedOnTheAdminPort() {
        var admin = Api.of(APP);
        var reply = admin.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + APP.getAdminPort() + "/metrics"))
                .GET());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("jvm_memory_used_bytes").contains("# TYPE");
        assertThat(Map.of()).isEmpty();
    }
}
