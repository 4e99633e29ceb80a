package io.viberglass.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.viberglass.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.awaitility.Awaitility;

/**
 * A small HTTP client for tests that speaks to the running platform exactly as a browser or script would (the JDK
 * client, raw bodies, no shared JAX-RS types), so a test sees the real wire format.
 */
public final class Api {
    /** One client for every test: each JDK client owns a selector thread and a connection pool. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http = HTTP;
    private final ObjectMapper mapper = Json.newMapper();
    private final String base;
    private final Map<String, String> headers;

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** The platform's first administrator, created by the first {@link #of} call against a fresh database. */
    public static final String ADMIN_EMAIL = "admin@viberglass.test";

    public static final String ADMIN_PASSWORD = "correct horse battery staple";

    /** One session per running application: Argon2 makes each sign-in cost tens of milliseconds. */
    private static final Map<Object, String> ADMIN_TOKENS = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    /** A client signed in as the global administrator (set up on first use), as most API tests want. */
    public static Api of(DropwizardAppExtension<?> app) {
        String base = "http://127.0.0.1:" + app.getLocalPort();
        String token = ADMIN_TOKENS.computeIfAbsent(app.getApplication(), key -> adminToken(base));
        return new Api(base, Map.of("Authorization", "Bearer " + token));
    }

    /** A client signed in as the global administrator of the platform at {@code baseUrl}. */
    public static Api of(String baseUrl) {
        return new Api(baseUrl, Map.of("Authorization", "Bearer " + adminToken(baseUrl)));
    }

    /** A client that sends no credentials. */
    public static Api anonymous(DropwizardAppExtension<?> app) {
        return anonymous("http://127.0.0.1:" + app.getLocalPort());
    }

    public static Api anonymous(String baseUrl) {
        return new Api(baseUrl, Map.of());
    }

    /** The same platform as another user: a client carrying {@code token} as its bearer. */
    public Api as(String token) {
        Map<String, String> others = new java.util.HashMap<>(headers);
        others.remove("Authorization");
        return new Api(base, Map.copyOf(others)).withHeader("Authorization", "Bearer " + token);
    }

    /** Sets up the first administrator, or signs in as them when that was done already. */
    private static String adminToken(String base) {
        Api anonymous = anonymous(base);
        var credentials = Map.of("email", ADMIN_EMAIL, "name", "Test Admin", "password", ADMIN_PASSWORD);
        if (anonymous
                .get("/api/auth/setup-status")
                .expect(200)
                .json()
                .get("requiresInitialUser")
                .asBoolean()) {
            Reply setup = anonymous.post("/api/auth/setup", credentials);
            if (setup.status() == 201) {
                return setup.json().get("token").asText();
            }
        }
        return anonymous
                .post("/api/auth/login", Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                .expect(200)
                .json()
                .get("token")
                .asText();
    }

    /** The same client with an extra header on every request (a bearer token, a callback token). */
    public Api withHeader(String name, String value) {
        var merged = new java.util.HashMap<>(headers);
        merged.put(name, value);
        return new Api(base, Map.copyOf(merged));
    }

    public String base() {
        return base;
    }

    public record Reply(int status, HttpResponseHeaders headers, String body, ObjectMapper mapper) {
        public JsonNode json() {
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public Reply expect(int expected) {
            assertThat(status).as("HTTP status of a reply with body %s", body).isEqualTo(expected);
            return this;
        }

        public String header(String name) {
            return headers.first(name);
        }
    }

    public record HttpResponseHeaders(java.net.http.HttpHeaders headers) {
        public String first(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    /** The raw bytes of a download. */
    public byte[] bytes(String path) {
        try {
            HttpResponse<byte[]> response =
                    http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("HTTP status of GET %s", path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    public Reply post(String path, Object body) {
        return send(json(builder(path), "POST", body));
    }

    public Reply put(String path, Object body) {
        return send(json(builder(path), "PUT", body));
    }

    public Reply patch(String path, Object body) {
        return send(json(builder(path), "PATCH", body));
    }

    /** Sends bytes as they are, with the given content type (malformed JSON, wrong types, multipart). */
    public Reply raw(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = builder(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            return exchange(request);
        } catch (IOException e) {
            // a pooled connection the server had already closed: nothing was processed, so send it once more
            if (String.valueOf(e.getMessage()).contains("received no bytes")) {
                try {
                    return exchange(request);
                } catch (IOException again) {
                    throw new UncheckedIOException(again);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply exchange(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), new HttpResponseHeaders(response.headers()), response.body(), mapper);
    }

    public HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    /** Waits (up to two minutes) for a job to leave queued and active, and answers it as it ended. */
    public JsonNode awaitJobEnd(String jobId) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/api/jobs/" + jobId).json(), job -> !List.of("queued", "active")
                        .contains(job.get("status").asText()));
    }

    /** Waits for a job to end and insists it completed, showing its failure and logs when it did not. */
    public JsonNode awaitJobCompleted(String jobId) {
        JsonNode job = awaitJobEnd(jobId);
        assertThat(job.get("status").asText())
                .as("job %s ended %s; logs: %s", jobId, job.get("failure"), job.get("logs"))
                .isEqualTo("completed");
        return job;
    }

    private HttpRequest.Builder json(HttpRequest.Builder builder, String method, Object body) {
        try {
            byte[] bytes = body instanceof String text ? text.getBytes() : mapper.writeValueAsBytes(body);
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
