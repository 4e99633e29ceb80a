package io.viberglass.platform.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.viberglass.common.json.Json;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import io.viberglass.platform.testing.WebhookSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jdbi.v3.core.Jdbi;

/**
 * Every route of the served OpenAPI description, called with generated bad input (wrong JSON types, missing and extra
 * fields, huge strings, NUL and lone surrogates, bidi and emoji, invalid UUIDs and path traversal in path parameters,
 * random query parameters, wrong content types, garbage credentials and CSRF/callback headers) as the global
 * administrator and anonymously. The platform must answer every one with a 2xx/3xx or a 4xx in the error envelope;
 * a 5xx is a defect. jqwik's engine runs this class next to Jupiter, so the app is started by hand (no Jupiter
 * extensions here).
 */
class FuzzedInputTest {
    /** Requests per run as the administrator and anonymously; together at least 10,000. */
    static final int ADMIN_TRIES = 6_000;

    static final int ANONYMOUS_TRIES = 4_200;

    /** Routes that end or destroy what later requests need, or call out of the box: never with the seeded target. */
    private static final Set<String> NO_SEEDED_TARGET = Set.of("archive", "deactivate", "cancel", "pause", "test");

    private static final java.util.regex.Pattern JETTY_REFUSED_PATH =
            java.util.regex.Pattern.compile("(?i)%2e|%2f|%5c|%[01][0-9a-f]|%7f|%25|%[89a-f][0-9a-f]|//");

    private static TestDatabase db;
    private static DropwizardAppExtension<PlatformConfiguration> app;
    private static List<Route> routes;
    private static Seeds seeds;
    private static SignedDeliveries deliveries;
    private static Jdbi jdbi;
    private static String base;
    private static volatile String adminToken;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper PLAIN = Json.newMapper();
    private static final ObjectMapper ESCAPING =
            Json.newMapper().copy().enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final Map<String, AtomicInteger> PER_ROUTE = new ConcurrentHashMap<>();
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final AtomicInteger RESETS = new AtomicInteger();
    private static long startedAt;

    @BeforeContainer
    static void start() throws Exception {
        db = TestDatabase.migrated(FuzzedInputTest.class);
        app = TestApp.on(
                db,
                ConfigOverride.config("dispatch.enabled", "false"),
                ConfigOverride.config("logging.level", "ERROR"));
        app.before();
        base = "http://127.0.0.1:" + app.getLocalPort();
        Api admin = Api.of(app);
        jdbi = Jdbi.create(db.dataSource());
        seeds = new Seeds(admin, jdbi);
        deliveries = new SignedDeliveries(admin, seeds.field("projectId"));
        adminToken = login();
        routes = Route.all(admin.get("/api/openapi.json").expect(200).json());
        assertThat(routes).hasSizeGreaterThan(100);
        startedAt = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        long seconds = Duration.ofNanos(System.nanoTime() - startedAt).toSeconds();
        System.out.printf(
                "fuzz: %d requests over %d routes in %d s (fewest per route: %d; connections reset and re-sent: %d)%n",
                SENT.get(),
                routes == null ? 0 : routes.size(),
                seconds,
                PER_ROUTE.values().stream().mapToInt(AtomicInteger::get).min().orElse(0),
                RESETS.get());
        if (app != null) {
            app.after();
        }
        if (db != null) {
            db.drop();
        }
    }

    @Provide
    Arbitrary<Route> routes() {
        return Arbitraries.of(routes);
    }

    @Provide
    Arbitrary<Malformation> malformations() {
        return Malformation.any();
    }

    @Property(tries = ADMIN_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void asTheGlobalAdmin_noBadInputGetsA5xx_andEvery4xxIsTheEnvelope(
            @ForAll("routes") Route route, @ForAll("malformations") Malformation bad) throws Exception {
        Map<String, String> headers = new java.util.HashMap<>(bad.headers());
        if (!headers.containsKey("Authorization") || bad.keepSeeded().get(3)) {
            headers.put("Authorization", "Bearer " + adminToken);
        }
        check(route, bad, headers, true);
        if (route.template().equals("/auth/logout") || route.template().equals("/auth/sessions/revoke-all")) {
            adminToken = login();
        }
    }

    @Property(tries = ANONYMOUS_TRIES, shrinking = ShrinkingMode.BOUNDED)
    void anonymously_noBadInputGetsA5xx_andEvery4xxIsTheEnvelope(
            @ForAll("routes") Route route, @ForAll("malformations") Malformation bad) throws Exception {
        check(route, bad, bad.headers(), false);
    }

    @Provide
    Arbitrary<String> providers() {
        return Arbitraries.of(deliveries.providers());
    }

    @Example
    void correctlySignedDeliveries_areAccepted_soTheRejectionsBelowAreAboutTheTampering() {
        for (String provider : deliveries.providers()) {
            Api.Reply reply = deliver(deliveries.signed(provider));
            assertThat(reply.status()).as("%s: %s", provider, reply.body()).isEqualTo(202);
        }
    }

    /** One flipped bit of the signature (or token) or of the signed body: 401, and nothing is stored. */
    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void tamperedWebhookSignatures_areAlwaysRejected_andNeverStored(
            @ForAll("providers") String provider,
            @ForAll boolean inTheSignature,
            @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit) {
        // GitLab sends its secret as a token and signs nothing: only the token can be tampered with
        inTheSignature |= provider.equals("gitlab");
        SignedDeliveries.Delivery valid = deliveries.signed(provider);
        Map<String, String> headers = new java.util.LinkedHashMap<>(valid.headers());
        byte[] body = valid.body().clone();
        if (inTheSignature) {
            String signature = headers.get(valid.signatureHeader());
            char[] chars = signature.toCharArray();
            int at = position % chars.length;
            // stay within printable ASCII so that the JDK client sends it: flip one of the low five bits
            chars[at] = (char) (chars[at] ^ (1 << (bit % 5)));
            if (chars[at] < 0x21 || chars[at] > 0x7e) {
                chars[at] = chars[at] == 'A' ? 'B' : 'A';
            }
            headers.put(valid.signatureHeader(), new String(chars));
        } else {
            body[position % body.length] ^= (byte) (1 << bit);
        }
        long before = storedDeliveries(valid.webhookId());

        Api.Reply reply = deliver(
                new SignedDeliveries.Delivery(provider, valid.webhookId(), headers, valid.signatureHeader(), body));

        SENT.incrementAndGet();
        assertThat(reply.status()).as("%s tampered: %s", provider, reply.body()).isEqualTo(401);
        assertThat(reply.json().path("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
        assertThat(storedDeliveries(valid.webhookId())).isEqualTo(before);
    }

    private static Api.Reply deliver(SignedDeliveries.Delivery delivery) {
        return new WebhookSender(Api.anonymous(base))
                .post(delivery.provider(), delivery.webhookId(), delivery.headers(), delivery.body());
    }

    private static long storedDeliveries(String webhookId) {
        return jdbi.withHandle(
                h -> h.createQuery("select count(*) from webhook_deliveries where config_id = cast(:id as uuid)")
                        .bind("id", webhookId)
                        .mapTo(Long.class)
                        .one());
    }

    /**
     * The body as text, except for an event stream (a live run's log, a live session), which never ends: its status
     * and headers are what this suite checks, so the stream is dropped at once.
     */
    private static HttpResponse.BodySubscriber<String> bodyUnlessStream(HttpResponse.ResponseInfo info) {
        if (!info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            return HttpResponse.BodySubscribers.ofString(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new HttpResponse.BodySubscriber<>() {
            @Override
            public java.util.concurrent.CompletionStage<String> getBody() {
                return java.util.concurrent.CompletableFuture.completedFuture("");
            }

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<java.nio.ByteBuffer> item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        };
    }

    /**
     * Jetty closes a connection whose request body it did not read (a request refused before its body, such as an
     * anonymous one with a large body), and the kernel's reset can overtake the answer: the client then sees a
     * connection that ended with no bytes. That is the transport, not an answer of ours, so such a request is sent again
     * on a fresh connection (a few times at most) until the answer itself can be checked; the resets are counted.
     */
    private static HttpResponse<String> sendAllowingResets(HttpRequest request) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return HTTP.send(request, FuzzedInputTest::bodyUnlessStream);
            } catch (java.io.IOException reset) {
                String message = String.valueOf(reset.getMessage());
                boolean transport = message.contains("received no bytes") || message.contains("Connection reset");
                if (!transport || attempt == 4) {
                    throw reset;
                }
                RESETS.incrementAndGet();
            }
        }
    }

    private static void check(Route route, Malformation bad, Map<String, String> headers, boolean seeded)
            throws Exception {
        HttpRequest request = request(route, bad, headers, seeded);
        HttpResponse<String> response;
        response = sendAllowingResets(request);
        SENT.incrementAndGet();
        PER_ROUTE.computeIfAbsent(route.key(), key -> new AtomicInteger()).incrementAndGet();
        int status = response.statusCode();
        String what = request.method() + " " + request.uri() + " " + bad.body() + " content-type " + bad.contentType()
                + " headers " + String.valueOf(headers).replace(adminToken, "<admin>") + " → " + status + " "
                + response.body().substring(0, Math.min(600, response.body().length()));
        assertThat(status).as("5xx for %s", what).isLessThan(500);
        if (status >= 400
                && response.body().isEmpty()
                && JETTY_REFUSED_PATH.matcher(request.uri().getRawPath()).find()) {
            // known gap: Jetty refuses encoded dot segments and separators before any handler of ours runs, with an
            // empty 400 (see docs/security.md, "Fuzzed input")
            return;
        }
        if (status >= 400 && request.uri().getRawPath().startsWith("/api/llm/")) {
            // the model proxy answers its own refusals in the provider's error format, which agent CLIs read
            // (docs/cost-control.md); a malformed job id is refused by the platform's validation, with its envelope
            JsonNode body = parse(response.body());
            assertThat(body).as("4xx without a JSON body: %s", what).isNotNull();
            assertThat(body.path("error").path("message").isTextual()
                            || (body.path("error").isTextual()
                                    && body.path("message").isTextual()))
                    .as("4xx without the provider's error.message or the envelope: %s", what)
                    .isTrue();
            return;
        }
        if (status >= 400) {
            JsonNode body = parse(response.body());
            assertThat(body).as("4xx without the JSON error envelope: %s", what).isNotNull();
            assertThat(body.path("error").isTextual() && body.path("message").isTextual())
                    .as("4xx without error and message: %s", what)
                    .isTrue();
        }
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = PLAIN.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }

    static HttpRequest request(Route route, Malformation bad, Map<String, String> headers, boolean seeded) {
        String last = route.template().substring(route.template().lastIndexOf('/') + 1);
        boolean destructive = route.method().equals("DELETE") || NO_SEEDED_TARGET.contains(last);
        String path = route.template();
        String target = path.contains("{") ? path.substring(path.lastIndexOf('{') + 1, path.lastIndexOf('}')) : "";
        for (int i = 0; i < route.pathParams().size(); i++) {
            String name = route.pathParams().get(i);
            String seededValue = seeds.value(route.template(), name);
            boolean keep = seeded
                    && seededValue != null
                    && bad.keepSeeded().get(i % 4)
                    && !(destructive && name.equals(target));
            path = path.replace(
                    "{" + name + "}", keep ? seededValue : bad.pathValues().get(i % 4));
        }
        StringBuilder query = new StringBuilder();
        for (String name : route.queryParams()) {
            append(query, name, bad.declaredQueryValue());
        }
        bad.query().forEach(entry -> append(query, entry.getKey(), entry.getValue()));
        // past 8 KiB of request line and headers Jetty answers 414/431 itself, before any of the platform runs
        boolean fits = path.length() + query.length() < 4_000;
        URI uri = URI.create(base + "/api" + path + (query.isEmpty() || !fits ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        headers.forEach((name, value) -> {
            try {
                builder.header(name, value);
            } catch (IllegalArgumentException refusedByTheClient) {
                // the JDK client will not send it, so no server can receive it
            }
        });
        byte[] body = body(route, bad.body());
        if (body == null) {
            return builder.method(route.method(), HttpRequest.BodyPublishers.noBody())
                    .build();
        }
        if (!bad.contentType().equals("none")) {
            builder.header("Content-Type", bad.contentType());
        }
        return builder.method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(value);
    }

    private static byte[] body(Route route, Malformation.Body bad) {
        try {
            return switch (bad.kind()) {
                case NONE -> null;
                case RAW_BYTES -> bad.raw();
                case WRONG_TOP_LEVEL -> PLAIN.writeValueAsBytes(JsonBodies.value(PLAIN, bad.topLevel()));
                case EDITED_SCHEMA -> {
                    JsonNode node = JsonBodies.edited(PLAIN, route.bodySchema(), bad.edits(), seeds);
                    yield (bad.escapeNonAscii() ? ESCAPING : PLAIN).writeValueAsBytes(node);
                }
            };
        } catch (Exception unwritable) {
            return "{\"unwritable\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String login() {
        return Api.anonymous(base)
                .post("/api/auth/login", Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .expect(200)
                .json()
                .get("token")
                .asText();
    }
}
