package io.viberglass.platform.integrations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The one HTTP client the platform uses to call providers (connection tests, feedback). Calls are plain JSON over
 * {@link HttpClient}: each provider needs two or three endpoints, and the wire format stays visible in one place.
 */
public class ProviderHttp {
    private final HttpClient client;
    private final Duration timeout;

    public ProviderHttp(Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    /** An answer: its status and body (truncated for error messages, never logged with credentials). */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth another attempt: rate limiting, a timeout upstream or a server error. */
        public boolean transientFailure() {
            return status == 408 || status == 425 || status == 429 || status >= 500;
        }

        public String summary() {
            String text = body == null ? "" : body.replaceAll("\\s+", " ").strip();
            return "HTTP " + status
                    + (text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
        }
    }

    public Reply send(String method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        request.header("User-Agent", "Viberglass");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid request: " + e.getMessage(), e);
        }
    }
}
