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
 * tenant headers. The response body is the payload JSON itself. Network errors and 5xx are retried a few times
 * (a container may start before the platform's load balancer has it); 4xx are final.
 */
public final class BootstrapClient {
    private static final int ATTEMPTS = 3;
    private final HttpClient http;
    private final Duration retryDelay;

    public BootstrapClient(HttpClient http, Duration retryDelay) {
        this.http = http;
        this.retryDelay = retryDelay;
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
        String lastProblem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body();
                }
                lastProblem = "HTTP " + status;
                if (status < 500 && status != 429) {
                    throw new BootstrapException("The platform refused the payload request for job "
                            + invocation.jobId() + " (" + lastProblem + ")");
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BootstrapException("Interrupted while fetching the payload");
            }
            if (attempt < ATTEMPTS) {
                pause(retryDelay.multipliedBy(attempt));
            }
        }
        throw new BootstrapException("The payload for job " + invocation.jobId() + " could not be fetched from " + base
                + " (" + lastProblem + ")");
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
