package io.viberglass.viberator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.Callbacks;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.process.Cancellation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts callback bodies to the platform with {@code X-Callback-Token} and {@code X-Tenant-Id}. Retries network errors,
 * 5xx and 429 with exponential backoff; other 4xx are final (a 409 on the result means the platform already has a
 * result and counts as delivered). Any response carrying {@code X-Job-Cancelled: true} trips the run's
 * {@link Cancellation}.
 */
public final class CallbackClient {
    private final HttpClient http;
    private final ObjectMapper mapper;
    private final URI baseUrl;
    private final String tenantId;
    private final SecretValue token;
    private final Cancellation cancellation;
    private final RetryPolicy retry;

    /**
     * @param maxAttempts attempts including the first
     * @param baseDelay delay before the second attempt; doubles each time
     */
    public record RetryPolicy(int maxAttempts, Duration baseDelay) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1));
    }

    /** What came of one callback. */
    public enum Delivery {
        DELIVERED,
        ALREADY_FINISHED,
        REJECTED,
        FAILED;

        public boolean ok() {
            return this == DELIVERED || this == ALREADY_FINISHED;
        }
    }

    public CallbackClient(
            HttpClient http,
            ObjectMapper mapper,
            URI baseUrl,
            String tenantId,
            SecretValue token,
            Cancellation cancellation,
            RetryPolicy retry) {
        this.http = http;
        this.mapper = mapper;
        this.baseUrl = baseUrl;
        this.tenantId = tenantId;
        this.token = token;
        this.cancellation = cancellation;
        this.retry = retry;
    }

    /** Posts {@code body} as JSON to {@code path} (from {@link Callbacks}), retrying as described above. */
    public Delivery post(String path, Object body, Duration timeout) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("callback body cannot be written as JSON", e);
        }
        HttpRequest request = HttpRequest.newBuilder(resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(Callbacks.TENANT_HEADER, tenantId)
                .header(Callbacks.TOKEN_HEADER, token.reveal())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        for (int attempt = 1; ; attempt++) {
            Delivery delivery = attempt(request);
            if (delivery != null || attempt >= retry.maxAttempts()) {
                return delivery == null ? Delivery.FAILED : delivery;
            }
            if (!pause(retry.baseDelay().multipliedBy(1L << (attempt - 1)))) {
                return Delivery.FAILED;
            }
        }
    }

    /** One try: a final {@link Delivery}, or {@code null} when it is worth trying again. */
    private Delivery attempt(HttpRequest request) {
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.headers()
                    .firstValue(Callbacks.CANCELLED_HEADER)
                    .map("true"::equalsIgnoreCase)
                    .orElse(false)) {
                cancellation.cancel("cancelled on the platform");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Delivery.DELIVERED;
            }
            if (status == 409) {
                return Delivery.ALREADY_FINISHED;
            }
            if (status == 429 || status >= 500) {
                return null;
            }
            return Delivery.REJECTED;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.FAILED;
        }
    }

    private URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
