package io.viberglass.viberator.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * JSON over HTTP to the platform's REST API with the API token as {@code Authorization: Bearer} on every request.
 * Statuses other than 2xx become a typed {@link PlatformException} carrying the platform's error message and code.
 */
public final class PlatformHttp {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final PlatformTarget target;
    private final String userAgent;

    public PlatformHttp(HttpClient http, ObjectMapper mapper, PlatformTarget target, String userAgent) {
        this.http = http;
        this.mapper = mapper;
        this.target = target;
        this.userAgent = userAgent;
    }

    public PlatformTarget target() {
        return target;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public <T> T get(String path, Class<T> type) {
        return read(send(request(path).GET()), mapper.constructType(type));
    }

    public <T> T get(String path, JavaType type) {
        return read(send(request(path).GET()), type);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return read(
                send(request(path).header("Content-Type", "application/json").POST(json(body))),
                mapper.constructType(type));
    }

    /** A streaming GET (server-sent events): the caller reads and closes the body. */
    public HttpResponse<InputStream> stream(String path, String accept) {
        return stream(path, accept, java.util.Map.of());
    }

    /** As {@link #stream(String, String)}, with extra request headers (such as {@code Last-Event-ID}). */
    public HttpResponse<InputStream> stream(String path, String accept, java.util.Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.resolve(path))
                .header("Accept", accept)
                .header("User-Agent", userAgent)
                .header("Authorization", "Bearer " + target.token().reveal());
        headers.forEach(builder::header);
        HttpRequest request = builder.GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException.Unreachable("Interrupted while waiting for the platform", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(target.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .header("Authorization", "Bearer " + target.token().reveal());
    }

    private HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the request body as JSON", e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException.Unreachable("Interrupted while waiting for the platform", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw failure(request, status, response.body());
    }

    private <T> T read(HttpResponse<String> response, JavaType type) {
        String body = response.body();
        if (type.getRawClass() == Void.class || body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new PlatformException.Unreachable(
                    "The platform at " + target.baseUrl() + " answered "
                            + response.uri().getPath()
                            + " with something that is not the expected JSON (" + e.getOriginalMessage()
                            + "); is this a Viberglass platform?",
                    e);
        }
    }

    PlatformException failure(HttpRequest request, int status, String body) {
        ErrorReply error = ErrorReply.parse(mapper, body);
        String message = error.message() != null
                ? error.message()
                : "HTTP " + status + " from " + request.uri().getPath();
        if (status == 401) {
            return new PlatformException.AuthenticationFailed(
                    "The platform at " + target.baseUrl() + " refused the API token (" + message
                            + "). Run 'viberator login' or set VIBERGLASS_TOKEN to a valid token.",
                    error.code());
        }
        if (status == 403) {
            return new PlatformException.AuthenticationFailed(
                    "The API token may not do this: " + message, error.code());
        }
        if (status == 404) {
            return new PlatformException.NotFound(message, error.code());
        }
        if (status >= 500) {
            return new PlatformException.Unreachable("The platform failed (HTTP " + status + "): " + message, null);
        }
        return new PlatformException.Rejected(status, message, error.code());
    }

    private PlatformException unreachable(IOException e) {
        String why = e instanceof ConnectException
                ? "connection refused"
                : e instanceof HttpTimeoutException ? "timed out" : String.valueOf(e.getMessage());
        return new PlatformException.Unreachable(
                "Cannot reach the platform at " + target.baseUrl() + " (" + why + ")", e);
    }

    /** The platform's error envelope {@code {error, message, code, details}}; tolerant of anything else. */
    record ErrorReply(String message, String code) {
        static ErrorReply parse(ObjectMapper mapper, String body) {
            if (body == null || body.isBlank()) {
                return new ErrorReply(null, null);
            }
            try {
                JsonNode node = mapper.readTree(body);
                String message = text(node, "message");
                if (message == null) {
                    message = text(node, "error");
                }
                JsonNode details = node.path("details");
                if (details.isArray() && !details.isEmpty()) {
                    StringBuilder all = new StringBuilder(message == null ? "" : message);
                    for (JsonNode detail : details) {
                        all.append(all.isEmpty() ? "" : "; ")
                                .append(detail.path("field").asText())
                                .append(": ")
                                .append(detail.path("message").asText());
                    }
                    message = all.toString();
                }
                return new ErrorReply(message, text(node, "code"));
            } catch (JsonProcessingException e) {
                return new ErrorReply(body.length() > 200 ? body.substring(0, 200) : body, null);
            }
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}
