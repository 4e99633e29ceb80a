// Job-log SSE fan-out: 200 clients follow one run's log (GET /api/jobs/{id}/logs/stream) while its worker posts log
// batches; measures how long each line takes from the worker's POST to every client. Not part of the test suite:
// bench/sse/run.sh. Prints Markdown table rows.

import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SseBench {
    static final Pattern SENT = Pattern.compile("t=(\\d+)");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int perBatch = 10;
        TestDatabase database = TestDatabase.migrated(SseBench.class);
        Path directory = Files.createTempDirectory("vg-sse-bench");
        Path handoff = directory.resolve("handoff");
        String yaml = """
                dispatch:
                  pollInterval: 200ms
                  local:
                    command: [ "%s" ]
                    workDirectory: %s
                    logDirectory: %s
                """.formatted(worker(directory, handoff), directory.resolve("work"), directory.resolve("logs"));
        PlatformProcess platform = PlatformProcess.configure(database, directory, yaml);
        try {
            platform.start(Map.of());
            Api api = Api.of(platform.url());
            Fixtures fixtures = new Fixtures(api);
            String project = fixtures.project("file:///srv/git/shop.git");
            String clanker = fixtures.activeClanker(Map.of());
            String job = fixtures.run(fixtures.executableTicket(project, "Followed by many"), clanker)
                    .get("id").asText();
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(handoff.resolveSibling("handoff.ready")) && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            List<String> worker = Files.readAllLines(handoff);
            String callbackToken = worker.get(0);
            String tenant = worker.get(1);
            String bearer = Api.anonymous(platform.url())
                    .post("/api/auth/login", Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                    .expect(200).json().get("token").asText();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong events = new AtomicLong();
            CountDownLatch connected = new CountDownLatch(clients);
            CountDownLatch ended = new CountDownLatch(clients);
            URI stream = URI.create(platform.url() + "/api/jobs/" + job + "/logs/stream");
            List<Follower> followers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Follower follower = new Follower(http, stream, bearer, latencies, events, connected, ended);
                followers.add(follower);
                follower.connect();
            }
            if (!connected.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(connected.getCount() + " clients did not connect");
            }
            long rssBefore = rssKib(platform.pid());
            long threadsBefore = threads(platform.pid());
            long started = System.nanoTime();
            long peakRss = rssBefore;
            long peakThreads = threadsBefore;
            for (int b = 0; b < batches; b++) {
                StringBuilder lines = new StringBuilder();
                long now = System.nanoTime();
                for (int l = 0; l < perBatch; l++) {
                    lines.append(l == 0 ? "" : ",").append("{\"level\":\"info\",\"message\":\"line ").append(b)
                            .append('.').append(l).append(" t=").append(now).append("\"}");
                }
                HttpResponse<Void> posted = http.send(HttpRequest.newBuilder(
                                        URI.create(platform.url() + "/api/jobs/" + job + "/logs/batch"))
                                .header("Content-Type", "application/json").header("X-Callback-Token", callbackToken)
                                .header("X-Tenant-Id", tenant)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"sequence\":" + b + ",\"logs\":[" + lines + "]}")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (posted.statusCode() != 200) {
                    throw new IllegalStateException("log batch answered " + posted.statusCode());
                }
                peakRss = Math.max(peakRss, rssKib(platform.pid()));
                peakThreads = Math.max(peakThreads, threads(platform.pid()));
                Thread.sleep(200); // 5 batches (50 lines) a second, a chatty agent
            }
            long expected = (long) clients * batches * perBatch;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (events.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Files.writeString(handoff.resolveSibling("handoff.done"), "done");
            boolean allEnded = ended.await(60, TimeUnit.SECONDS);
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            Collections.sort(sorted);
            long reconnects = followers.stream().mapToLong(f -> f.reconnects.get()).sum();
            long cut = followers.stream().mapToLong(f -> f.cut.get()).sum();
            long refused = followers.stream().mapToLong(f -> f.refused.get()).sum();
            long misordered = followers.stream().mapToLong(f -> f.misordered.get()).sum();
            System.out.println("| operation | result | detail | target |");
            System.out.println("|---|---|---|---|");
            System.out.printf("| job-log SSE fan-out: %d clients follow one run while its worker posts %d lines (%d batches at 5/s) "
                            + "| p50 %.1f ms, p99 %.1f ms (worker POST → client) | %d of %d events delivered (%.0f events/s); "
                            + "%s clients saw the end event; %d reconnects (%d after a reconnect event, %d after a refused open), "
                            + "%d lines repeated or out of order; platform threads %d → peak %d, RSS %.0f → peak %.0f MiB "
                            + "| every line to every client exactly once, in order |%n",
                    clients, batches * perBatch, batches, pct(sorted, 0.5), pct(sorted, 0.99), events.get(), expected,
                    events.get() / seconds, allEnded ? "all" : Long.toString(clients - ended.getCount()),
                    reconnects, cut, refused, misordered, threadsBefore, peakThreads, rssBefore / 1024.0, peakRss / 1024.0);
        } finally {
            platform.close();
            database.drop();
        }
        System.exit(0);
    }

    /**
     * One client following the stream as a browser's EventSource does: it remembers the last event id, and when the
     * stream ends without its end event (a reconnect event, a dropped connection, a refused open) it reconnects a
     * second later with Last-Event-ID. Counts lines that arrive twice or out of order, which must never happen.
     */
    static final class Follower {
        final HttpClient http;
        final URI uri;
        final String bearer;
        final List<Long> latencies;
        final AtomicLong events;
        final CountDownLatch connected;
        final CountDownLatch ended;
        final AtomicLong reconnects = new AtomicLong();
        final AtomicLong cut = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong misordered = new AtomicLong();
        volatile long lastId;
        volatile boolean counted;
        volatile boolean done;

        Follower(HttpClient http, URI uri, String bearer, List<Long> latencies, AtomicLong events,
                CountDownLatch connected, CountDownLatch ended) {
            this.http = http;
            this.uri = uri;
            this.bearer = bearer;
            this.latencies = latencies;
            this.events = events;
            this.connected = connected;
            this.ended = ended;
        }

        void connect() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + bearer)
                    .header("Accept", "text/event-stream");
            if (lastId > 0) {
                request.header("Last-Event-ID", Long.toString(lastId));
            }
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 200) {
                    if (!counted) {
                        counted = true;
                        connected.countDown();
                    }
                    read(response.body());
                } else {
                    refused.incrementAndGet();
                    if (response != null) {
                        response.body().close();
                    }
                }
                if (!done) {
                    reconnects.incrementAndGet();
                    CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(this::connect);
                }
            });
        }

        private void read(java.util.stream.Stream<String> lines) {
            long[] id = {-1};
            String[] event = {null};
            try {
                lines.forEach(line -> {
                    if (line.startsWith("id: ")) {
                        id[0] = Long.parseLong(line.substring(4).trim());
                    } else if (line.startsWith("event: ")) {
                        event[0] = line.substring(7).trim();
                    } else if (line.startsWith("data:") && "log".equals(event[0])) {
                        if (id[0] <= lastId) {
                            misordered.incrementAndGet();
                        }
                        lastId = id[0];
                        Matcher sent = SENT.matcher(line);
                        if (sent.find()) {
                            latencies.add(System.nanoTime() - Long.parseLong(sent.group(1)));
                            events.incrementAndGet();
                        }
                    } else if (line.isEmpty()) {
                        if ("end".equals(event[0]) && !done) {
                            done = true;
                            ended.countDown();
                        } else if ("reconnect".equals(event[0])) {
                            cut.incrementAndGet();
                        }
                        id[0] = -1;
                        event[0] = null;
                    }
                });
            } catch (RuntimeException e) {
                // the connection dropped: reconnect from the last id
            }
        }
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    static long rssKib(long pid) throws Exception {
        return status(pid, "VmRSS:");
    }

    static long threads(long pid) throws Exception {
        return status(pid, "Threads:");
    }

    static long status(long pid, String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(key))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }

    /** A worker that takes its payload, hands its callback token to the bench, and reports success when told. */
    static Path worker(Path directory, Path handoff) throws Exception {
        Path script = directory.resolve("worker.sh");
        Files.writeString(script, """
                #!/bin/bash
                base="$PLATFORM_API_URL/api/jobs/$JOB_ID"
                auth=(-H "X-Callback-Token: $CALLBACK_TOKEN" -H "X-Tenant-Id: $TENANT_ID")
                curl -s -o /dev/null "${auth[@]}" "$base/bootstrap"
                printf '%%s\\n%%s\\n' "$CALLBACK_TOKEN" "$TENANT_ID" > "%1$s"
                touch "%1$s.ready"
                for i in $(seq 1 1500); do [ -f "%1$s.done" ] && break; sleep 0.2; done
                curl -s -o /dev/null "${auth[@]}" -H 'Content-Type: application/json' \\
                  -d '{"success":true,"outcome":"succeeded","executionTimeMs":1000}' "$base/result"
                """.formatted(handoff));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
