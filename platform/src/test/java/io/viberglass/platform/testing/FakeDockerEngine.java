package io.viberglass.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Enough of the Docker Engine API (v1.43) for the Docker invoker and provisioner: images are present, containers are
 * created, started and inspected. Every request is recorded verbatim, so a test can search all the engine ever
 * received; what "starting" a container does is the test's choice ({@link #onStart}).
 */
public final class FakeDockerEngine implements AutoCloseable {
    private static final String API = "/v1.43";

    /** A created container: the create request's body as the engine saw it. */
    public record Container(String id, JsonNode create) {
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            create.path("Env").forEach(entry -> {
                String text = entry.asText();
                int equals = text.indexOf('=');
                env.put(text.substring(0, equals), text.substring(equals + 1));
            });
            return env;
        }

        /** Mount point → options of the container's tmpfs mounts. */
        public Map<String, String> tmpfs() {
            Map<String, String> mounts = new LinkedHashMap<>();
            create.path("HostConfig")
                    .path("Tmpfs")
                    .fields()
                    .forEachRemaining(e -> mounts.put(e.getKey(), e.getValue().asText()));
            return mounts;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private volatile Consumer<Container> onStart = container -> {};

    public FakeDockerEngine() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String host() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What starting a container does (default: nothing; the container just "runs"). */
    public FakeDockerEngine onStart(Consumer<Container> action) {
        this.onStart = action;
        return this;
    }

    /** Every request line, header block and body the engine received, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public List<Container> containers() {
        return new ArrayList<>(containers.values());
    }

    /** Marks a container as exited, as the engine reports a worker process that ended. */
    public void exited(String id) {
        running.put(id, false);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(method + " " + exchange.getRequestURI() + "\n" + exchange.getRequestHeaders() + "\n"
                + new String(body, StandardCharsets.ISO_8859_1));
        String api = path.startsWith(API) ? path.substring(API.length()) : path;
        if (api.equals("/_ping")) {
            reply(exchange, 200, "OK");
        } else if (method.equals("GET") && api.startsWith("/images/") && api.endsWith("/json")) {
            reply(exchange, 200, "{\"Id\":\"sha256:feed\",\"Size\":1,\"Architecture\":\"amd64\"}");
        } else if (method.equals("POST") && api.equals("/containers/create")) {
            String id = UUID.randomUUID().toString().replace("-", "")
                    + UUID.randomUUID().toString().replace("-", "");
            containers.put(id, new Container(id, mapper.readTree(body)));
            reply(exchange, 201, "{\"Id\":\"" + id + "\",\"Warnings\":[]}");
        } else if (method.equals("POST") && api.matches("/containers/[^/]+/start")) {
            String id = api.split("/")[2];
            running.put(id, true);
            reply(exchange, 204, "");
            onStart.accept(containers.get(id));
        } else if (method.equals("GET") && api.matches("/containers/[^/]+/json")) {
            String id = api.split("/")[2];
            boolean on = running.getOrDefault(id, false);
            reply(
                    exchange,
                    containers.containsKey(id) ? 200 : 404,
                    "{\"Id\":\"" + id + "\",\"State\":{\"Status\":\"" + (on ? "running" : "exited") + "\",\"Running\":"
                            + on + ",\"ExitCode\":0}}");
        } else if (api.matches("/containers/[^/]+(/stop)?")) {
            reply(exchange, 204, "");
        } else {
            reply(exchange, 404, "{\"message\":\"not faked: " + method + " " + api + "\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (status == 204 || bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
