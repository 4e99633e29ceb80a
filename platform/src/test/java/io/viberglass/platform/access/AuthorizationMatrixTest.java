package io.viberglass.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.access.MatrixWorld.Caller;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the platform serves, called as every kind of caller, against the expected statuses in {@code
 * authorization-matrix.txt}. The routes come from the served OpenAPI description, so a new route without a row fails
 * here until someone decides who may call it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthorizationMatrixTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(AuthorizationMatrixTest.class);

    // runs stay queued: the matrix is about who may start them, not about running them
    static final DropwizardAppExtension<PlatformConfiguration> APP =
            TestApp.on(DB, ConfigOverride.config("dispatch.enabled", "false"));

    private static final String TABLE = "/authorization-matrix.txt";

    private static MatrixWorld world;

    @BeforeAll
    static void buildTheWorld() {
        world = new MatrixWorld(Api.of(APP), Jdbi.create(DB.dataSource()));
    }

    private static Map<String, List<Integer>> table() {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream(TABLE)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                assertThat(parts)
                        .as("row %s: method, path and %d statuses", line, Caller.values().length)
                        .hasSize(2 + Caller.values().length);
                List<Integer> statuses = Arrays.stream(parts, 2, parts.length)
                        .map(Integer::valueOf)
                        .toList();
                assertThat(rows.put(parts[0] + " " + parts[1], statuses))
                        .as("duplicate row %s", line)
                        .isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Routes served outside Jersey or kept out of the API description (other protocols), listed by hand. */
    private static final List<String> OUTSIDE_OPENAPI = List.of("POST /mcp", "POST /webhooks/slack");

    private static TreeSet<String> servedRoutes() {
        JsonNode paths =
                Api.anonymous(APP).get("/api/openapi.json").expect(200).json().get("paths");
        TreeSet<String> routes = new TreeSet<>(OUTSIDE_OPENAPI);
        paths.fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> routes.add(method.toUpperCase() + " " + path.getKey())));
        return routes;
    }

    @Test
    void everyServedRouteHasARowAndEveryRowIsServed() {
        TreeSet<String> served = servedRoutes();
        TreeSet<String> listed = new TreeSet<>(table().keySet());

        TreeSet<String> missing = new TreeSet<>(served);
        missing.removeAll(listed);
        TreeSet<String> stale = new TreeSet<>(listed);
        stale.removeAll(served);

        assertThat(missing)
                .as("routes served without a row in %s: decide who may call them and add a row", TABLE)
                .isEmpty();
        assertThat(stale).as("rows in %s for routes no longer served", TABLE).isEmpty();
    }

    @Test
    void everyCallerGetsTheExpectedStatusOnEveryRoute() {
        List<String> differences = new ArrayList<>();
        TreeSet<String> served = servedRoutes();
        table().forEach((route, expected) -> {
            if (!served.contains(route)) {
                return;
            }
            for (Caller caller : Caller.values()) {
                MatrixWorld.Call call = world.prepare(route, caller);
                Api.Reply reply = send(world.client(caller), call);
                world.afterCall(route, caller);
                int wanted = expected.get(caller.ordinal());
                if (reply.status() != wanted) {
                    differences.add(String.format(
                            "%-55s %-8s expected %d, got %d %s",
                            route,
                            caller.name().toLowerCase().replace('_', '-'),
                            wanted,
                            reply.status(),
                            abbreviate(reply.body())));
                }
            }
        });

        assertThat(differences)
                .as("cells of %s that differ (route, caller, expected, actual)", TABLE)
                .isEmpty();
    }

    private static Api.Reply send(Api client, MatrixWorld.Call call) {
        if (call.body() == null) {
            return client.send(client.builder(call.path()).method(call.method(), HttpRequest.BodyPublishers.noBody()));
        }
        if (call.body() instanceof byte[] bytes) {
            // the conversation-state upload is a gzip archive, not JSON
            return client.send(client.builder(call.path())
                    .header("Content-Type", "application/gzip")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(bytes)));
        }
        if (call.path().equals("/api/mcp")) {
            // MCP's Streamable HTTP: clients accept both a JSON answer and an event stream
            return client.send(client.builder(call.path())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString(call.body().toString())));
        }
        return switch (call.method()) {
            case "POST" -> client.post(call.path(), call.body());
            case "PUT" -> client.put(call.path(), call.body());
            case "PATCH" -> client.patch(call.path(), call.body());
            default ->
                client.send(client.builder(call.path())
                        .header("Content-Type", "application/json")
                        .method(
                                call.method(),
                                HttpRequest.BodyPublishers.ofString(call.body().toString())));
        };
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
