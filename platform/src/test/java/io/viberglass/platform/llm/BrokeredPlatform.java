package io.viberglass.platform.llm;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeModelServer;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The scenery the model proxy's HTTP tests share, one per test class: the platform on its own database, a fake model
 * provider every provider's base URL points at, and workers that only record what they were given, so the test plays
 * the worker and its agent. Register it as a static {@code @RegisterExtension} field; it starts the platform before
 * the class and stops everything after it.
 */
final class BrokeredPlatform implements BeforeAllCallback, AfterAllCallback {
    private final Class<?> owner;
    private final TestDatabase db;
    private final FakeModelServer model = new FakeModelServer();
    private final BrokeredWorkers workers = new BrokeredWorkers();
    private final DropwizardAppExtension<PlatformConfiguration> app;
    private final HttpClient http = HttpClient.newHttpClient();

    private BrokeredPlatform(Class<?> owner, ConfigOverride... extra) {
        this.owner = owner;
        this.db = TestDatabase.migrated(owner);
        this.app = TestApp.on(
                db,
                Stream.concat(Stream.of(workers.overrides(model)), Stream.of(extra))
                        .toArray(ConfigOverride[]::new));
    }

    /** The platform for {@code testClass}, with {@code extra} configuration over the proxy tests' own. */
    static BrokeredPlatform forClass(Class<?> testClass, ConfigOverride... extra) {
        return new BrokeredPlatform(testClass, extra);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (context.getRequiredTestClass() == owner) { // @Nested classes inherit the extension
            app.before();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass() != owner) {
            return;
        }
        try {
            app.after();
        } finally {
            model.close();
            workers.stop();
            db.drop();
        }
    }

    FakeModelServer model() {
        return model;
    }

    BrokeredWorkers workers() {
        return workers;
    }

    int port() {
        return app.getLocalPort();
    }

    /** The platform's API as its administrator. */
    Api api() {
        return Api.of(app);
    }

    /** The project "Shop" the runs belong to. */
    String project() {
        return workers.project(api());
    }

    /** A new run on {@code clanker}, once its worker was started. */
    BrokeredWorkers.Worker run(String clanker) throws IOException {
        return workers.run(api(), project(), clanker);
    }

    /** Where the run's agent calls its model: the proxy's endpoint from the worker's payload (fetching it marks the job active). */
    String endpoint(BrokeredWorkers.Worker worker) {
        return BrokeredWorkers.bootstrap(api(), worker).at("/agent/endpoint").asText();
    }

    /** A JSON {@code POST} as an agent sends it. */
    HttpResponse<String> post(String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
