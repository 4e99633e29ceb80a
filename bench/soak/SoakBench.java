// Soak and API load against the real platform in its own JVM (as operators run it), on real PostgreSQL, with jobs
// run by the real viberator worker and a fake Claude Code. Not part of the test suite: bench/soak/run.sh.
// Modes:
//   soak <minutes>   mixed traffic (tickets, signed webhooks, jobs) at a steady rate; heap after GC, threads, DB
//                    connections, RSS and open files at start and end, and every minute on stderr
//   api <seconds>    ticket create and list, 8 clients back to back; platform RSS idle and under that load
// Prints Markdown table rows on stdout.

import io.viberglass.common.job.AgentType;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.IntegrationFixtures;
import io.viberglass.platform.testing.PlatformProcess;
import io.viberglass.platform.testing.ShopFixture;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import io.viberglass.viberator.testing.FakeAgents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

public class SoakBench {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SIGNING = "soak-signing-secret-0123456789";

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "" : args[0];
        int amount = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        try (World world = World.start()) {
            switch (mode) {
                case "soak" -> soak(world, Duration.ofMinutes(amount));
                case "api" -> api(world, Duration.ofSeconds(amount));
                default -> {
                    System.err.println("usage: SoakBench soak <minutes> | api <seconds>");
                    System.exit(2);
                }
            }
        }
        System.exit(0);
    }

    /** The platform process, its database, a bare repository, a fake GitHub, a project, a clanker and a webhook. */
    static final class World implements AutoCloseable {
        final TestDatabase database;
        final Path directory;
        final ShopFixture shop;
        final PlatformProcess platform;
        final Api api;
        final String project;
        final String clanker;
        final String hook;

        private World(TestDatabase database, Path directory, ShopFixture shop, PlatformProcess platform) {
            this.database = database;
            this.directory = directory;
            this.shop = shop;
            this.platform = platform;
            this.api = Api.of(platform.url());
            this.project = shop.project(api);
            this.clanker = shop.clanker(api);
            IntegrationFixtures integrations = new IntegrationFixtures(api);
            this.hook = integrations
                    .inbound(integrations.integration("custom", Map.of(), null), project, SIGNING, Map.of())
                    .get("id")
                    .asText();
        }

        static World start() throws Exception {
            ShopFixture shop = ShopFixture.create("vg-soak");
            Path directory = shop.work();
            Path claude = FakeAgents.install(directory.resolve("bin"), AgentType.CLAUDE_CODE);
            StringBuilder environment = new StringBuilder();
            FakeAgents.environment(claude, AgentType.CLAUDE_CODE, "auto").forEach((name, value) -> environment
                    .append("      ").append(name).append(": \"").append(value).append("\"\n"));
            environment.append("      FAKE_AGENT_ARGS_FILE: \"").append(directory.resolve("agent-args.txt")).append("\"\n");
            String yaml = """
                    secrets:
                      activeKeyId: k1
                      keys:
                        k1: "9r21u/0nit1AbxPG9WNQNOSHRkqPLJxx9mOoHb2LWlE="
                    webhooks:
                      pollInterval: 500ms
                    dispatch:
                      pollInterval: 500ms
                      local:
                        command: [ "java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", "%s" ]
                        workDirectory: %s
                        logDirectory: %s
                        environment:
                    %s""".formatted(FakeAgents.viberatorJar(), directory.resolve("work"), directory.resolve("worker-logs"),
                    environment);
            TestDatabase database = TestDatabase.migrated(SoakBench.class);
            PlatformProcess platform = PlatformProcess.configure(database, directory, yaml);
            platform.start(Map.of());
            return new World(database, directory, shop, platform);
        }

        /** Heap after a full GC, live threads, database connections, RSS and open files of the platform. */
        Sample sample() throws Exception {
            long pid = platform.pid();
            new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            String metrics = HTTP.send(
                    HttpRequest.newBuilder(URI.create(platform.adminUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long heap = prometheus(metrics, "jvm_memory_used_bytes{area=\"heap\"}");
            long threads = prometheus(metrics, "jvm_threads_current");
            long connections = Jdbi.create(database.dataSource()).withHandle(h -> h.createQuery(
                    "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")
                    .mapTo(Long.class).one());
            return new Sample(Instant.now(), heap, threads, connections, rssKib(pid), openFiles(pid));
        }

        @Override
        public void close() {
            platform.close();
            shop.stop();
            database.drop();
        }
    }

    record Sample(Instant at, long heapBytes, long threads, long dbConnections, long rssKib, long openFiles) {
        @Override
        public String toString() {
            return "heap after GC %.1f MiB, %d threads, %d DB connections, RSS %.1f MiB, %d open files".formatted(
                    heapBytes / 1048576.0, threads, dbConnections, rssKib / 1024.0, openFiles);
        }
    }

    /** One sample from the admin port's Prometheus text ({@code name value} lines). */
    static long prometheus(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> (long) Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + name + " on /metrics"));
    }

    static long rssKib(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1L);
    }

    static long openFiles(long pid) throws Exception {
        try (var files = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return files.count();
        }
    }

    /** Latencies and answers of one kind of request. */
    static final class Op {
        final String name;
        final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

        Op(String name) {
            this.name = name;
        }

        Api.Reply time(java.util.function.Supplier<Api.Reply> call) {
            long start = System.nanoTime();
            Api.Reply reply;
            try {
                reply = call.get();
            } catch (RuntimeException e) {
                statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                return null;
            }
            micros.add((System.nanoTime() - start) / 1000);
            statuses.computeIfAbsent(reply.status(), s -> new AtomicLong()).incrementAndGet();
            return reply;
        }

        long count() {
            return micros.size();
        }

        String percentile(double p) {
            List<Long> sorted;
            synchronized (micros) {
                sorted = new ArrayList<>(micros);
            }
            if (sorted.isEmpty()) {
                return "–";
            }
            Collections.sort(sorted);
            return "%.1f ms".formatted(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)) / 1000.0);
        }

        String answers() {
            return statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> (e.getKey() == -1 ? "I/O error" : e.getKey().toString()) + "×" + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    /** Runs {@code body} every {@code period} on its own thread until {@code running} turns false. */
    static Thread paced(String name, Duration period, AtomicBoolean running, Runnable body) {
        Thread thread = new Thread(() -> {
            long next = System.nanoTime();
            while (running.get()) {
                body.run();
                next += period.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                } else {
                    next = System.nanoTime(); // behind schedule: do not burst to catch up
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    static void soak(World world, Duration length) throws Exception {
        Api api = world.api;
        Fixtures fixtures = new Fixtures(api);
        WebhookSender sender = new WebhookSender(Api.anonymous(world.platform.url()));
        Op create = new Op("ticket create");
        Op list = new Op("ticket list");
        Op webhook = new Op("webhook ingest");
        Op run = new Op("job run request");
        List<String> jobs = Collections.synchronizedList(new ArrayList<>());
        AtomicLong webhookId = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = List.of(
                paced("tickets", Duration.ofMillis(500), running, () -> {
                    create.time(() -> api.post("/api/tickets", Map.of("projectId", world.project, "title",
                            "Soak " + UUID.randomUUID(), "description", "Mixed traffic.")));
                    list.time(() -> api.get("/api/tickets?projectId=" + world.project + "&limit=20"));
                }),
                paced("webhooks", Duration.ofMillis(500), running, () -> webhook.time(() -> sender.custom(world.hook,
                        SIGNING, "soak-" + webhookId.incrementAndGet(),
                        ("{\"title\":\"Webhook " + webhookId.get() + "\"}").getBytes()))),
                paced("jobs", Duration.ofSeconds(20), running, () -> {
                    Api.Reply reply = run.time(() -> api.post("/api/tickets/"
                            + fixtures.executableTicket(world.project, "Soak job " + UUID.randomUUID()) + "/run",
                            Map.of("clankerId", world.clanker)));
                    if (reply != null && reply.status() == 202) {
                        jobs.add(reply.json().get("id").asText());
                    }
                }));
        Instant warm = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(warm)) {
            Thread.sleep(1000);
        }
        Sample start = world.sample();
        String startLoad = load();
        System.err.println("start (after 60 s warm-up, load " + startLoad + "): " + start);
        List<Sample> samples = new ArrayList<>(List.of(start));
        Instant end = Instant.now().plus(length);
        long peakRss = start.rssKib();
        while (Instant.now().isBefore(end)) {
            Thread.sleep(Math.min(60_000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            Sample sample = world.sample();
            samples.add(sample);
            peakRss = Math.max(peakRss, sample.rssKib());
            System.err.println(Duration.between(start.at(), sample.at()).toMinutes() + " min (load " + load() + "): "
                    + sample + "; " + create.count() + " tickets, " + webhook.count() + " webhooks, " + jobs.size()
                    + " jobs");
        }
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        // let the last jobs and webhook deliveries finish, then measure again
        Jdbi jdbi = Jdbi.create(world.database.dataSource());
        Instant drainBy = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(drainBy) && jdbi.withHandle(h -> h.createQuery(
                "select (select count(*) from jobs where status in ('queued', 'dispatched', 'active')) "
                        + "+ (select count(*) from webhook_deliveries where status = 'received')")
                .mapTo(Long.class).one()) > 0) {
            Thread.sleep(1000);
        }
        Sample last = world.sample();
        String endLoad = load();
        System.err.println("end (load " + endLoad + "): " + last);
        Map<String, Long> jobStatuses = jdbi.withHandle(h -> h.createQuery(
                "select status, count(*) as n from jobs group by status").reduceRows(new java.util.TreeMap<>(),
                (map, row) -> {
                    map.put(row.getColumn("status", String.class), row.getColumn("n", Long.class));
                    return map;
                }));
        Map<String, Long> deliveries = jdbi.withHandle(h -> h.createQuery(
                "select status, count(*) as n from webhook_deliveries group by status").reduceRows(
                new java.util.TreeMap<>(), (map, row) -> {
                    map.put(row.getColumn("status", String.class), row.getColumn("n", Long.class));
                    return map;
                }));
        long minutes = Duration.between(start.at(), last.at()).toMinutes();
        System.out.println("| measure | start (after warm-up) | end (after drain) | change |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| heap used after full GC | %.1f MiB | %.1f MiB | %+.1f MiB |%n", start.heapBytes() / 1048576.0,
                last.heapBytes() / 1048576.0, (last.heapBytes() - start.heapBytes()) / 1048576.0);
        System.out.printf("| live threads | %d | %d | %+d |%n", start.threads(), last.threads(),
                last.threads() - start.threads());
        System.out.printf("| database connections (pg_stat_activity) | %d | %d | %+d |%n", start.dbConnections(),
                last.dbConnections(), last.dbConnections() - start.dbConnections());
        System.out.printf("| resident set size | %.1f MiB | %.1f MiB (peak %.1f MiB) | %+.1f MiB |%n",
                start.rssKib() / 1024.0, last.rssKib() / 1024.0, peakRss / 1024.0,
                (last.rssKib() - start.rssKib()) / 1024.0);
        System.out.printf("| open file descriptors | %d | %d | %+d |%n", start.openFiles(), last.openFiles(),
                last.openFiles() - start.openFiles());
        System.out.printf("| load average (1 min) | %s | %s | |%n", startLoad, endLoad);
        System.out.println();
        System.out.println("Heap after GC per minute (MiB): " + samples.stream()
                .map(s -> "%.0f".formatted(s.heapBytes() / 1048576.0)).collect(Collectors.joining(" ")) + "; threads: "
                + samples.stream().map(s -> Long.toString(s.threads())).collect(Collectors.joining(" ")) + ".");
        System.out.println();
        System.out.println("| traffic over " + minutes + " min | requests | p50 | p99 | answers |");
        System.out.println("|---|---|---|---|---|");
        for (Op op : List.of(create, list, webhook, run)) {
            System.out.printf("| %s | %d | %s | %s | %s |%n", op.name, op.count(), op.percentile(0.5),
                    op.percentile(0.99), op.answers());
        }
        System.out.println();
        System.out.println("Jobs by final status: " + jobStatuses + "; webhook deliveries by status: " + deliveries + ".");
    }

    static void api(World world, Duration length) throws Exception {
        Sample idle = world.sample();
        Op create = new Op("ticket create");
        Op list = new Op("ticket list (20 per page)");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong peakRss = new AtomicLong(idle.rssKib());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long pid = world.platform.pid();
        for (Op op : List.of(create, list)) {
            for (int i = 0; i < 8; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        if (op == create) {
                            op.time(() -> world.api.post("/api/tickets", Map.of("projectId", world.project, "title",
                                    "Bench " + UUID.randomUUID(), "description", "Closed loop.")));
                        } else {
                            op.time(() -> world.api.get("/api/tickets?projectId=" + world.project + "&limit=20"));
                        }
                    }
                    return null;
                });
            }
            Instant end = Instant.now().plus(length);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(500);
                peakRss.accumulateAndGet(rssKib(pid), Math::max);
            }
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
            running.set(true);
            clients = Executors.newFixedThreadPool(8);
        }
        clients.shutdown();
        double seconds = length.toMillis() / 1000.0;
        System.out.println("| operation | result | detail | target |");
        System.out.println("|---|---|---|---|");
        for (Op op : List.of(create, list)) {
            System.out.printf("| %s, 8 clients back to back for %.0f s | %.0f req/s | p50 %s, p99 %s; answers %s | informative |%n",
                    op.name, seconds, op.count() / seconds, op.percentile(0.5), op.percentile(0.99), op.answers());
        }
        System.out.printf("| platform RSS idle (after start-up and a full GC) | %.0f MiB | heap after GC %.1f MiB, %d threads | informative |%n",
                idle.rssKib() / 1024.0, idle.heapBytes() / 1048576.0, idle.threads());
        System.out.printf("| platform RSS under the ticket load above (peak) | %.0f MiB | -Xmx512m, SerialGC, as PlatformProcess starts it | informative |%n",
                peakRss.get() / 1024.0);
    }
}
