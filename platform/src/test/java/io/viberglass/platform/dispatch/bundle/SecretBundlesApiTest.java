package io.viberglass.platform.dispatch.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.FakeDockerEngine;
import io.viberglass.platform.testing.Fixtures;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The Docker worker's one-time secret hand-over over HTTP: a job on a Docker clanker is dispatched to a fake engine,
 * the test reads the one-time token from the container's environment (as the worker would) and fetches the bundle the
 * way {@code viberator job} does.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SecretBundlesApiTest {
    static final String DEPLOY_KEY = "canary-deploy-" + UUID.randomUUID();
    static final FakeDockerEngine ENGINE = new FakeDockerEngine();

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SecretBundlesApiTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            ConfigOverride.config("dispatch.docker.host", ENGINE::host),
            ConfigOverride.config("dispatch.docker.apiVersion", "1.43"),
            ConfigOverride.config("dispatch.pollInterval", "100ms"),
            ConfigOverride.config("dispatch.defaultClankerLimit", "100"),
            ConfigOverride.config("dispatch.perProjectLimit", "100"));

    static final ListAppender<ILoggingEvent> PLATFORM_LOG = new ListAppender<>();

    private final Api api = Api.of(APP);
    private final Api worker = Api.anonymous(APP);
    private String projectId;
    private String clankerId;

    @BeforeAll
    static void captureThePlatformLog() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        PLATFORM_LOG.start();
        root.addAppender(PLATFORM_LOG);
    }

    @AfterAll
    static void stopEngine() {
        ENGINE.close();
    }

    @BeforeEach
    void dockerClankerWithAPlantedSecret() {
        String secret = api.post(
                        "/api/secrets",
                        Map.of(
                                "name",
                                "DEPLOY_KEY_" + UUID.randomUUID().toString().substring(0, 8),
                                "storage",
                                "database",
                                "value",
                                DEPLOY_KEY))
                .expect(201)
                .json()
                .get("id")
                .asText();
        Fixtures fixtures = new Fixtures(api);
        projectId = fixtures.project("https://github.com/acme/shop.git");
        clankerId = api.post(
                        "/api/clankers",
                        Map.of(
                                "name",
                                "Docker " + UUID.randomUUID(),
                                "agent",
                                "claude-code",
                                "deploymentStrategy",
                                "docker",
                                "deploymentConfig",
                                Map.of("image", "registry.test/viberator:1"),
                                "secretIds",
                                List.of(secret)))
                .expect(201)
                .json()
                .get("id")
                .asText();
        api.post("/api/clankers/" + clankerId + "/start", Map.of()).expect(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> api.get("/api/clankers/" + clankerId)
                                .json()
                                .get("status")
                                .asText(),
                        "active"::equals);
    }

    /** A dispatched job and what its container was given. */
    record Dispatched(String jobId, String tenant, String bundleToken, FakeDockerEngine.Container container) {
        String path() {
            return "/api/jobs/" + jobId + "/secret-bundle";
        }
    }

    private Dispatched dispatch() {
        Fixtures fixtures = new Fixtures(api);
        String ticket = fixtures.executableTicket(projectId, "Bundle " + UUID.randomUUID());
        String jobId = fixtures.run(ticket, clankerId).get("id").asText();
        FakeDockerEngine.Container container = Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> ENGINE.containers().stream()
                                .filter(c -> c.create()
                                        .at("/Labels/io.viberglass.job-id")
                                        .asText()
                                        .equals(jobId))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .get();
        Map<String, String> env = container.environment();
        return new Dispatched(jobId, env.get("TENANT_ID"), env.get("VIBERATOR_SECRET_BUNDLE_TOKEN"), container);
    }

    private Api.Reply fetch(Dispatched job, String token, String tenant) {
        return worker.withHeader("X-Secret-Bundle-Token", token)
                .withHeader("X-Tenant-Id", tenant)
                .post(job.path(), Map.of());
    }

    @Test
    void theContainerGetsATmpfsAndAOneTimeTokenThatFetchesTheCallbackTokenAndTheCredentialsOnce() {
        Dispatched job = dispatch();
        assertThat(job.bundleToken()).matches("[0-9a-f]{64}");
        assertThat(job.container().tmpfs()).containsOnlyKeys("/run/viberglass");
        assertThat(job.container().tmpfs().get("/run/viberglass")).contains("mode=0700", "noexec", "nosuid", "size=");

        Api.Reply reply = fetch(job, job.bundleToken(), job.tenant()).expect(200);

        assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
        JsonNode bundle = reply.json();
        assertThat(bundle.get("secrets").toString()).contains(DEPLOY_KEY);
        String callbackToken = bundle.get("callbackToken").asText();
        worker.withHeader("X-Callback-Token", callbackToken)
                .withHeader("X-Tenant-Id", job.tenant())
                .get("/api/jobs/" + job.jobId() + "/bootstrap")
                .expect(200);
        // what the engine received never held the values: only the (now spent) one-time token
        assertThat(String.join("\n", ENGINE.requests()))
                .doesNotContain(DEPLOY_KEY)
                .doesNotContain(callbackToken);
    }

    @Test
    void aSecondFetchIsGoneAndAudited() {
        Dispatched job = dispatch();
        fetch(job, job.bundleToken(), job.tenant()).expect(200);

        Api.Reply again = fetch(job, job.bundleToken(), job.tenant()).expect(410);

        assertThat(again.json().get("code").asText()).isEqualTo("SECRET_BUNDLE_GONE");
        assertThat(again.body()).doesNotContain(DEPLOY_KEY);
        JsonNode audit = api.get("/api/admin/audit?action=job.secret_bundle_refused")
                .expect(200)
                .json();
        assertThat(audit.toString()).contains(job.jobId()).contains("already fetched");
        assertThat(api.get("/api/admin/audit?action=job.secret_bundle_fetched")
                        .expect(200)
                        .json()
                        .toString())
                .contains(job.jobId());
    }

    @Test
    void aWrongOrMissingTokenIsUnauthorizedAndLeavesTheBundleForTheWorker() {
        Dispatched job = dispatch();

        fetch(job, "f".repeat(64), job.tenant()).expect(401);
        worker.withHeader("X-Tenant-Id", job.tenant())
                .post(job.path(), Map.of())
                .expect(401);
        fetch(job, job.bundleToken(), job.tenant()).expect(200);
    }

    @Test
    void anotherJobsTokenOrAnotherTenantOrAJobWithoutABundleIsRefused() {
        Dispatched mine = dispatch();
        Dispatched other = dispatch();

        fetch(other, mine.bundleToken(), other.tenant()).expect(401);
        fetch(mine, mine.bundleToken(), "someone-else").expect(403);
        fetch(
                        new Dispatched(UUID.randomUUID().toString(), mine.tenant(), mine.bundleToken(), null),
                        mine.bundleToken(),
                        mine.tenant())
                .expect(404);
        fetch(mine, mine.bundleToken(), mine.tenant()).expect(200);
        fetch(other, other.bundleToken(), other.tenant()).expect(200);
    }

    @Test
    void theValuesAreSealedInTheDatabaseWipedOnceFetchedAndNeverLogged() {
        Dispatched job = dispatch();
        Jdbi jdbi = Jdbi.create(DB.dataSource());
        String waiting = jdbi.withHandle(
                h -> h.createQuery("select encode(sealed, 'escape') from worker_secret_bundles where job_id = :id")
                        .bind("id", UUID.fromString(job.jobId()))
                        .mapTo(String.class)
                        .one());
        assertThat(waiting).isNotEmpty().doesNotContain(DEPLOY_KEY);

        String callbackToken = fetch(job, job.bundleToken(), job.tenant())
                .expect(200)
                .json()
                .get("callbackToken")
                .asText();

        assertThat(jdbi.<Integer, RuntimeException>withHandle(h -> h.createQuery(
                                "select count(*) from worker_secret_bundles where job_id = :id and sealed is null "
                                        + "and nonce is null and fetched_at is not null")
                        .bind("id", UUID.fromString(job.jobId()))
                        .mapTo(Integer.class)
                        .one()))
                .isEqualTo(1);
        String logged;
        synchronized (PLATFORM_LOG) {
            logged = String.join(
                    "\n",
                    PLATFORM_LOG.list.stream()
                            .map(ILoggingEvent::getFormattedMessage)
                            .toList());
        }
        assertThat(logged).doesNotContain(DEPLOY_KEY).doesNotContain(callbackToken);
    }
}
