// Webhook ingest benchmark on real PostgreSQL. Not part of the test suite: run bench/webhooks/run.sh.
// Measures POST /api/webhooks/github/{id} (size check, signature over the raw body, dedup insert, 202) with the
// delivery processor running as in production. Open model: requests leave on a fixed schedule whatever the answers,
// and each latency runs from the scheduled send time, so a stall shows up in the tail instead of slowing the sender.
// Modes: rate [requestsPerSecond] [seconds] [processing] | max [clients] [seconds] [processing]; "processing" keeps
// the delivery processor running on the same replica (it turns every delivery into a ticket meanwhile).
// Prints Markdown table rows for docs/perf.md.

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.viberglass.common.security.Hmac;
import io.viberglass.platform.PlatformApplication;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jdbi.v3.core.Jdbi;

public class WebhookBench {
    static final String SECRET = "bench-webhook-secret-0123456789";

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        // ingest alone, as on replicas that only accept deliveries (WEBHOOKS_ENABLED=false), unless asked otherwise
        boolean processing = List.of(args).contains("processing");
        TestDatabase database = TestDatabase.migrated(WebhookBench.class);
        DropwizardTestSupport<PlatformConfiguration> app = new DropwizardTestSupport<>(
                PlatformApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"),
                ConfigOverride.config("database.url", database.url()),
                ConfigOverride.config("database.maxSize", "20"),
                ConfigOverride.config("webhooks.pollInterval", "200ms"),
                ConfigOverride.config("webhooks.enabled", String.valueOf(processing)),
                // WEBHOOK_BENCH_CACHE_TTL=0s measures the ingest without its webhook cache (for comparison)
                ConfigOverride.config("webhooks.configCacheTtl", cacheTtl()));
        app.before();
        try {
            String base = "http://127.0.0.1:" + app.getLocalPort();
            Api api = Api.of(base);
            IntegrationFixtures fixtures = new IntegrationFixtures(api);
            String integration = fixtures.integration("github", Map.of("owner", "acme", "repo", "shop"), null);
            String hook = fixtures.inbound(integration, fixtures.project(), SECRET, Map.of()).get("id").asText();
            Target target = new Target(URI.create(base + "/api/webhooks/github/" + hook),
                    new String(WebhookSender.fixture("github/issues-opened.json"), StandardCharsets.UTF_8));
            switch (mode) {
                case "rate" -> {
                    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
                    int seconds = args.length > 2 && !args[2].equals("processing") ? Integer.parseInt(args[2]) : 20;
                    target.warmUp(3000, 90); // JIT, pools, caches: interpreted Jersey and Jackson are slow
                    // then the measured path itself at the measured rate: C2 is still compiling after the burst, and
                    // on two cores its threads otherwise compete with the first seconds of the measurement
                    target.atRate(rate, 10, false);
                    double load = load();
                    Jdbi jdbi = Jdbi.create(database.dataSource());
                    long storedBefore = settledDeliveries(jdbi);
                    Map<Long, Long> allocatedBefore = serverAllocated();
                    Recording profile = startProfile();
                    long cpuBefore = cpu();
                    long serverBefore = serverCpu();
                    Result result = target.atRate(rate, seconds, true);
                    double cpuPerRequest = (cpu() - cpuBefore) / 1e6 / Math.max(1, result.latencies.size());
                    double serverPerRequest =
                            (serverCpu() - serverBefore) / 1e6 / Math.max(1, result.latencies.size());
                    long stored = settledDeliveries(jdbi);
                    long allocated = allocatedSince(allocatedBefore);
                    stopProfile(profile);
                    double allocatedPerDelivery = allocated / 1024.0 / Math.max(1, stored - storedBefore);
                    row("webhook ingest at " + rate + " req/s for " + seconds + " s (verify + dedup + persist + 202), "
                                    + (processing ? "processor running on the same replica" : "ingest only"), "p99 " + result.percentile(0.99) + " ms",
                            "p50 " + result.percentile(0.50) + " ms, p90 " + result.percentile(0.90) + " ms, max "
                                    + result.percentile(1.0) + " ms; " + result.rate() + " req/s achieved; "
                                    + result.errors + " non-202; " + stored + " deliveries stored; "
                                    + String.format("%.2f", cpuPerRequest) + " ms CPU per request (server and client "
                                    + "in one JVM), of which " + String.format("%.2f", serverPerRequest)
                                    + " ms on the server's request threads; "
                                    + String.format("%.1f", allocatedPerDelivery) + " KB allocated per delivery on "
                                    + "the server's request threads (" + (stored - storedBefore) + " deliveries); "
                                    + "webhook cache " + cacheTtl()
                                    + "; load average " + String.format("%.1f", load),
                            "p99 ≤ 20 ms at 200 req/s");
                }
                case "max" -> {
                    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
                    int seconds = args.length > 2 && !args[2].equals("processing") ? Integer.parseInt(args[2]) : 10;
                    target.warmUp(3000, 90);
                    double load = load();
                    Result result = target.closedLoop(clients, seconds);
                    row("webhook ingest, " + clients + " clients back to back for " + seconds + " s",
                            result.rate() + " req/s", "p50 " + result.percentile(0.50) + " ms, p99 "
                                    + result.percentile(0.99) + " ms; " + result.errors + " non-202; load average "
                                    + String.format("%.1f", load),
                            "informative");
                }
                default -> {
                    System.err.println("usage: WebhookBench rate [perSecond] [seconds] | max [clients] [seconds]");
                    System.exit(2);
                }
            }
        } finally {
            app.after();
            database.drop();
        }
        System.exit(0);
    }

    /** Latencies (nanoseconds) of one measured phase. */
    static final class Result {
        final List<Long> latencies;
        final long errors;
        final long elapsedNanos;

        Result(List<Long> latencies, long errors, long elapsedNanos) {
            this.latencies = new ArrayList<>(latencies);
            Collections.sort(this.latencies);
            this.errors = errors;
            this.elapsedNanos = elapsedNanos;
        }

        String percentile(double p) {
            if (latencies.isEmpty()) {
                return "n/a";
            }
            int index = (int) Math.min(latencies.size() - 1, Math.ceil(p * latencies.size()) - 1);
            return String.format("%.1f", latencies.get(Math.max(index, 0)) / 1e6);
        }

        long rate() {
            return Math.round(latencies.size() / (elapsedNanos / 1e9));
        }
    }

    record Target(URI uri, String body) {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        static final AtomicInteger ISSUE = new AtomicInteger(1000);

        /** A signed issues.opened delivery for a new issue, under a new delivery id. */
        HttpRequest request() {
            byte[] bytes = body.replace("\"number\": 42", "\"number\": " + ISSUE.incrementAndGet())
                    .getBytes(StandardCharsets.UTF_8);
            return HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "issues")
                    .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                    .header("X-Hub-Signature-256", Hmac.prefixedHex(Hmac.Algorithm.SHA256, SECRET, bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build();
        }

        Result atRate(int perSecond, int seconds, boolean measured) throws Exception {
            int total = perSecond * seconds;
            long interval = 1_000_000_000L / perSecond;
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                HttpRequest request = request();
                clock.schedule(() -> pending.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            latencies.add(System.nanoTime() - due);
                            if (failure != null || response.statusCode() != 202) {
                                errors.incrementAndGet();
                            }
                        })), due - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            clock.shutdown();
            clock.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            return new Result(new ArrayList<>(latencies), errors.get(), System.nanoTime() - start);
        }

        /** Back-to-back requests from 4 clients until {@code requests} were answered or {@code maxSeconds} passed. */
        void warmUp(int requests, int maxSeconds) throws Exception {
            AtomicInteger answered = new AtomicInteger();
            long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
            var pool = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                pool.execute(() -> {
                    while (answered.get() < requests && System.nanoTime() < end) {
                        try {
                            HTTP.send(request(), HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            // warm-up only
                        }
                        answered.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(maxSeconds + 30L, TimeUnit.SECONDS);
        }

        Result closedLoop(int clients, int seconds) throws Exception {
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong errors = new AtomicLong();
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            var pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        try {
                            int status = HTTP.send(request(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status != 202) {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - sent);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
            return new Result(new ArrayList<>(latencies), errors.get(), System.nanoTime() - start);
        }
    }

    /** CPU time this JVM has used, in nanoseconds: the cost of a request, whatever else runs on the machine. */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU time of the server's request threads (Jetty's {@code dw-} pool), in nanoseconds: the ingest's own cost,
     * without the load client, the JIT compiler or GC.
     */
    static long serverCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("dw-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * The number of stored deliveries once it stops moving: under load the server still works on requests its client
     * gave up on, and the allocation figure must cover the same requests as its divisor.
     */
    static long settledDeliveries(Jdbi jdbi) throws InterruptedException {
        long previous = -1;
        while (true) {
            long now = jdbi.withHandle(h ->
                    h.createQuery("select count(*) from webhook_deliveries").mapTo(Long.class).one());
            if (now == previous) {
                return now;
            }
            previous = now;
            Thread.sleep(250);
        }
    }

    /** A JFR recording of the measured phase alone when WEBHOOK_BENCH_JFR names a file (docs/perf.md). */
    static Recording startProfile() throws Exception {
        String file = System.getenv("WEBHOOK_BENCH_JFR");
        if (file == null || file.isBlank()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setDestination(Path.of(file));
        recording.start();
        return recording;
    }

    static void stopProfile(Recording recording) {
        if (recording != null) {
            recording.stop(); // writes the destination
            recording.close();
        }
    }

    /** Bytes allocated so far by each of the server's request threads ({@code dw-}), by thread id. */
    static Map<Long, Long> serverAllocated() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> allocated = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("dw-")) {
                allocated.put(info.getThreadId(), Math.max(0, threads.getThreadAllocatedBytes(info.getThreadId())));
            }
        }
        return allocated;
    }

    /**
     * Bytes the server's request threads allocated since {@code before}: the garbage the ingest makes, which sets how
     * often G1 pauses and does not depend on the machine's load. A thread started meanwhile counts from zero; one that
     * ended meanwhile is lost (Jetty keeps idle threads for a minute, longer than a measured phase).
     */
    static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : serverAllocated().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    static String cacheTtl() {
        String ttl = System.getenv("WEBHOOK_BENCH_CACHE_TTL");
        return ttl == null || ttl.isBlank() ? "10s" : ttl;
    }

    /** The one-minute load average (the machine is shared; it explains the spread between runs). */
    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void row(String operation, String result, String detail, String target) {
        System.out.println("| " + operation + " | " + result + " | " + detail + " | " + target + " |");
    }
}
