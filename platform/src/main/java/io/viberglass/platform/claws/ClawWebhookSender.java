package io.viberglass.platform.claws;

import io.viberglass.common.security.Hmac;
import io.viberglass.platform.secrets.SecretCipher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued claw webhook events: a POST of the event JSON, signed {@code X-Claw-Signature: sha256=<hex>} with the
 * schedule's secret, identified by {@code X-Claw-Delivery} so receivers can drop duplicates. Failures are retried with
 * exponential back-off until the attempt limit, then the delivery is marked dead; nothing is lost on a restart.
 */
public class ClawWebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(ClawWebhookSender.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecretCipher cipher;
    private final ClawSettings settings;
    private final HttpClient http;

    public ClawWebhookSender(Jdbi jdbi, Clock clock, SecretCipher cipher, ClawSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.cipher = cipher;
        this.settings = settings;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Sends what is due, one delivery per transaction; returns how many were attempted. */
    public int deliverDue() {
        int attempted = 0;
        while (attempted < 50 && deliverOne()) {
            attempted++;
        }
        return attempted;
    }

    private boolean deliverOne() {
        return jdbi.inTransaction(handle -> {
            Instant now = clock.instant();
            ExecutionDao dao = handle.attach(ExecutionDao.class);
            List<ExecutionDao.Delivery> due = dao.lockDueDeliveries(now, 1);
            if (due.isEmpty()) {
                return false;
            }
            ExecutionDao.Delivery delivery = due.get(0);
            ClawSchedule schedule =
                    handle.attach(ClawDao.class).schedule(delivery.scheduleId()).orElseThrow();
            Attempt attempt = send(schedule, delivery);
            int attempts = delivery.attempts() + 1;
            String status = attempt.delivered()
                    ? "delivered"
                    : attempts >= settings.getMaxWebhookAttempts() ? "dead" : "pending";
            Duration backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
            dao.recordAttempt(delivery.id(), status, now.plus(backoff), attempt.error(), attempt.status(), now);
            return true;
        });
    }

    private record Attempt(boolean delivered, Integer status, String error) {}

    private Attempt send(ClawSchedule schedule, ExecutionDao.Delivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(schedule.webhookUrl()))
                .timeout(Duration.ofMillis(settings.getWebhookTimeout().toMilliseconds()))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Viberglass-Claw/1.0")
                .header("X-Claw-Event", delivery.event())
                .header("X-Claw-Delivery", delivery.id().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (schedule.webhookSecretCiphertext() != null) {
            String secret = cipher.open(
                            schedule.id(),
                            new SecretCipher.Sealed(
                                    schedule.webhookSecretCiphertext(),
                                    schedule.webhookSecretNonce(),
                                    schedule.webhookSecretKeyId()))
                    .reveal();
            request.header("X-Claw-Signature", Hmac.prefixedHex(Hmac.Algorithm.SHA256, secret, body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
            return new Attempt(ok, response.statusCode(), ok ? null : "HTTP " + response.statusCode());
        } catch (IOException e) {
            LOG.info(
                    "Claw webhook {} to {} failed: {}",
                    delivery.id(),
                    URI.create(schedule.webhookUrl()).getHost(),
                    e.getClass().getSimpleName());
            return new Attempt(false, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, null, "interrupted");
        }
    }
}
