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
        return exchange("POST", path, json(body), "application/json", timeout, policy)
                .delivery();
    }

    /** What came of a callback whose answer the worker reads: the delivery, the last status and the body. */
    public record Reply(Delivery delivery, int status, byte[] body) {
        public boolean delivered() {
            return delivery == Delivery.DELIVERED;
        }
    }

    /**
     * Sends one callback and keeps the answer, with the same headers, retries and cancellation check as {@link #post}.
     *
     * @param method {@code GET}, {@code POST} or {@code PUT}
     * @param body the request body, or {@code null} for none
     */
    public Reply exchange(
            String method, String path, byte[] body, String contentType, Duration timeout, RetryPolicy policy) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path))
                .timeout(timeout)
                .header(Callbacks.TENANT_HEADER, tenantId)
                .header(Callbacks.TOKEN_HEADER, token.reveal());
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            Reply reply = attempt(request);
            if (reply.delivery() != null || attempt >= policy.maxAttempts()) {
                return reply.delivery() == null ? new Reply(Delivery.FAILED, reply.status(), reply.body()) : reply;
            }
            if (!pause(policy.delayAfter(attempt))) {
                return new Reply(Delivery.FAILED, reply.status(), reply.body());
            }
        }
    }

    /** Writes {@code body} as JSON. */
    public byte[] json(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("callback body cannot be written as JSON", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** One try: a final {@link Delivery}, or a {@code null} delivery when it is worth trying again. */
    private Reply attempt(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.headers()
                    .firstValue(Callbacks.CANCELLED_HEADER)
                    .map("true"::equalsIgnoreCase)
                    .orElse(false)) {
                cancellation.cancel("cancelled on the platform");
            }
            int status = response.statusCode();
            byte[] body = response.body() == null ? new byte[0] : response.body();
            if (status >= 200 && status < 300) {
                return new Reply(Delivery.DELIVERED, status, body);
            }
            if (status == 409) {
                return new Reply(Delivery.ALREADY_FINISHED, status, body);
            }
            if (status == 429 || status >= 500) {
                return new Reply(null, status, body);
            }
            return new Reply(Delivery.REJECTED, status, body);
        } catch (IOException e) {
            return new Reply(null, 0, new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(Delivery.FAILED, 0, new byte[0]);
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
