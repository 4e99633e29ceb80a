package io.viberglass.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** First-run setup on an empty platform: refused input first, then a race of many setups, then nothing more. */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunSetupTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(FirstRunSetupTest.class);

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB);

    private final Api anonymous = Api.anonymous(APP);
    private final Jdbi jdbi = Jdbi.create(DB.dataSource());

    private static Map<String, String> admin(String email, String password) {
        return Map.of("email", email, "name", "First Admin", "password", password);
    }

    @Test
    @Order(1)
    void anEmptyPlatformAsksForItsFirstAdministrator() {
        var status = anonymous.get("/api/auth/setup-status").expect(200).json();

        assertThat(status.get("requiresInitialUser").asBoolean()).isTrue();
        assertThat(status.get("authEnabled").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void setupRefusesAShortPasswordAndABadEmail() {
        anonymous
                .post("/api/auth/setup", admin("first@example.test", "eleven char"))
                .expect(400);
        anonymous
                .post("/api/auth/setup", admin("not-an-email", "a long enough password"))
                .expect(400);

        assertThat(users()).isZero();
    }

    @Test
    @Order(3)
    void twelveConcurrentSetupsCreateExactlyOneAdministrator() throws Exception {
        int racers = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<CompletableFuture<Integer>> replies = IntStream.range(0, racers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> {
                                await(start);
                                return anonymous
                                        .post(
                                                "/api/auth/setup",
                                                admin("racer" + i + "@example.test", "a long enough password"))
                                        .status();
                            },
                            pool))
                    .toList();
            start.countDown();

            List<Integer> statuses =
                    replies.stream().map(CompletableFuture::join).toList();

            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
            assertThat(users()).isEqualTo(1);
            String role = jdbi.withHandle(h ->
                    h.createQuery("select role from users").mapTo(String.class).one());
            assertThat(role).isEqualTo("admin");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void afterSetupTheStatusSaysDoneAndSetupIsRefused() {
        assertThat(anonymous
                        .get("/api/auth/setup-status")
                        .json()
                        .get("requiresInitialUser")
                        .asBoolean())
                .isFalse();

        var again = anonymous
                .post("/api/auth/setup", admin("late@example.test", "a long enough password"))
                .expect(409);

        assertThat(again.json().get("code").asText()).isEqualTo("SETUP_COMPLETED");
        assertThat(users()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void theDatabaseItselfAllowsOnlyOneInitialAdministrator() {
        var refused = org.assertj.core.api.Assertions.catchThrowable(() -> jdbi.useHandle(
                h -> h.execute("insert into users (id, email, name, role, initial_admin, created_at, updated_at) "
                        + "values (gen_random_uuid(), 'sneaky@example.test', 'Sneaky', 'admin', true, now(), now())")));

        assertThat(refused).hasMessageContaining("users_one_initial_admin");
    }

    private long users() {
        return jdbi.withHandle(h ->
                h.createQuery("select count(*) from users").mapTo(Long.class).one());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
