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
     * @param maxDelay the longest single delay
     */
    public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
        /** Progress: a few quick tries, since the next heartbeat follows soon. */
        public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1));

        /**
         * Log batches: about three minutes of tries, so a platform restart loses no line. Each batch carries its
         * number, so one that reached the platform before the answer was lost is not stored twice.
         */
        public static final RetryPolicy LOGS = new RetryPolicy(16, Duration.ofSeconds(1), Duration.ofSeconds(15));

        /**
         * The result: about seven minutes of tries, so a platform restart or rolling deploy while the worker finishes
         * loses nothing (the platform waits for the result far longer than that before calling the job orphaned).
         */
        public static final RetryPolicy RESULT = new RetryPolicy(20, Duration.ofSeconds(1), Duration.ofSeconds(30));

        public RetryPolicy(int maxAttempts, Duration baseDelay) {
            this(maxAttempts, baseDelay, baseDelay.multipliedBy(1L << 20));
        }

        /** The delay after failed attempt number {@code attempt} (1-based). */
        public Duration delayAfter(int attempt) {
            Duration doubled = baseDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
            return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
        }
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
        return post(path, body, timeout, retry);
    }

    /** As {@link #post(String, Object, Duration)}, with its own retry policy. */
    public Delivery post(String path, Object body, Duration timeout, RetryPolicy policy) {
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
            if (delivery != null || attempt >= policy.maxAttempts()) {
                return delivery == null ? Delivery.FAILED : delivery;
            }
            if (!pause(policy.delayAfter(attempt))) {
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
