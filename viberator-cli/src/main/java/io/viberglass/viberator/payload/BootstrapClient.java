package io.viberglass.viberator.payload;

import io.viberglass.common.job.Callbacks;
import io.viberglass.common.job.WorkerInvocation;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Fetches a job's payload from the platform: {@code GET {platform}/api/jobs/{id}/bootstrap} with the callback token and
 * tenant headers. The response body is the payload JSON itself. A Docker worker first fetches its secret bundle
 * ({@code POST .../secret-bundle} with its one-time token) the same way. Network errors, 429 and 5xx are retried with
 * doubling delays capped at {@code maxDelay} (a container may start before the platform's load balancer has it, or
 * while the platform restarts); other 4xx are final.
 */
public final class BootstrapClient {
    private final HttpClient http;
    private final Duration retryDelay;
    private final Duration maxDelay;
    private final int attempts;

    /** About three and a half minutes of tries: 1, 2, 4, 8, 16 s, then every 30 s. */
    public BootstrapClient(HttpClient http) {
        this(http, Duration.ofSeconds(1), Duration.ofSeconds(30), 12);
    }

    public BootstrapClient(HttpClient http, Duration retryDelay, Duration maxDelay, int attempts) {
        this.http = http;
        this.retryDelay = retryDelay;
        this.maxDelay = maxDelay;
        this.attempts = attempts;
    }

    /** The payload JSON. */
    public String fetch(WorkerInvocation invocation) throws BootstrapException {
        String base = invocation.platformApiUrl().replaceAll("/+$", "");
        URI uri = URI.create(
                base + Callbacks.bootstrapPath(URLEncoder.encode(invocation.jobId(), StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header(Callbacks.TOKEN_HEADER, invocation.callbackToken())
                .header(Callbacks.TENANT_HEADER, invocation.tenantId())
                .GET()
                .build();
        return send(request, base, invocation.jobId(), "payload");
    }

    /**
     * The secret bundle JSON of a Docker worker: {@code invocation}'s token is the one-time bundle token. A 410 means
     * someone fetched it first (or the dispatch is no longer current); it is final like every other refusal.
     */
    public String fetchSecretBundle(WorkerInvocation invocation) throws BootstrapException {
        String base = invocation.platformApiUrl().replaceAll("/+$", "");
        URI uri = URI.create(
                base + Callbacks.secretBundlePath(URLEncoder.encode(invocation.jobId(), StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header(Callbacks.BUNDLE_TOKEN_HEADER, invocation.callbackToken())
                .header(Callbacks.TENANT_HEADER, invocation.tenantId())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        return send(request, base, invocation.jobId(), "secret bundle");
    }

    private String send(HttpRequest request, String base, String jobId, String what) throws BootstrapException {
        String lastProblem = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body();
                }
                lastProblem = "HTTP " + status;
                if (status < 500 && status != 429) {
                    throw new BootstrapException("The platform refused the " + what + " request for job " + jobId + " ("
                            + lastProblem + ")");
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BootstrapException("Interrupted while fetching the " + what);
            }
            if (attempt < attempts) {
                Duration doubled = retryDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
                pause(doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled);
            }
        }
        throw new BootstrapException(
                "The " + what + " for job " + jobId + " could not be fetched from " + base + " (" + lastProblem + ")");
    }

    private static void pause(Duration delay) throws BootstrapException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BootstrapException("Interrupted while fetching the payload");
        }
    }

    /** The payload could not be fetched. */
    public static final class BootstrapException extends Exception {
        private static final long serialVersionUID = 1L;

        public BootstrapException(String message) {
            super(message);
        }
    }
}
