package io.viberglass.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
import io.viberglass.platform.testing.Accounts;
import io.viberglass.platform.testing.Api;
import io.viberglass.platform.testing.MutableClock;
import io.viberglass.platform.testing.TestApp;
import io.viberglass.platform.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tight limits on a platform whose clock the test moves: over a limit answers 429 with Retry-After. */
@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(RateLimitTest.class);

    // the start of a minute, so each test's window is whole
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-01-01T09:00:00Z"));

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(
            DB,
            CLOCK,
            ConfigOverride.config("auth.loginPerIp.limit", "6"),
            ConfigOverride.config("auth.loginPerIp.window", "1m"),
            ConfigOverride.config("auth.loginPerAccount.limit", "3"),
            ConfigOverride.config("auth.loginPerAccount.window", "15m"),
            ConfigOverride.config("auth.tokenCreationPerAccount.limit", "2"),
            ConfigOverride.config("auth.tokenCreationPerAccount.window", "1h"));

    private final Api anonymous = Api.anonymous(APP);

    private Api.Reply login(String email) {
        return anonymous.post("/api/auth/login", Map.of("email", email, "password", "wrong password, surely"));
    }

    /** Each test starts in a fresh window of every limit. */
    private void nextWindow() {
        CLOCK.advance(Duration.ofHours(2));
    }

    @Test
    void loginsPerAccountAreLimitedWhateverTheAddress() {
        Api.of(APP);
        nextWindow();

        for (int i = 0; i < 3; i++) {
            login("victim@example.test").expect(401);
        }
        var limited = login("victim@example.test").expect(429);
        login("bystander@example.test").expect(401);

        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 15 * 60);
    }

    @Test
    void loginsPerAddressAreLimitedAcrossAccountsAndTheWindowPasses() {
        Api.of(APP);
        nextWindow();

        for (int i = 0; i < 6; i++) {
            login("guess" + i + "@example.test").expect(401);
        }
        var limited = login("guess-more@example.test").expect(429);

        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        CLOCK.advance(Duration.ofSeconds(Integer.parseInt(limited.header("Retry-After"))));
        login("guess-more@example.test").expect(401);
    }

    @Test
    void aGoodPasswordIsStillRefusedWhileTheAccountIsLimited() {
        Api.of(APP);
        nextWindow();
        for (int i = 0; i < 3; i++) {
            login(Api.ADMIN_EMAIL).expect(401);
        }

        anonymous
                .post("/api/auth/login", Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .expect(429);
    }

    @Test
    void inviteAndResetLinksShareTheSignInLimitPerAddress() {
        Api.of(APP);
        nextWindow();

        for (int i = 0; i < 3; i++) {
            anonymous
                    .post("/api/auth/links/inspect", Map.of("token", "0".repeat(64)))
                    .expect(404);
            anonymous
                    .post("/api/auth/links/redeem", Map.of("token", "1".repeat(64), "password", "guessing is futile"))
                    .expect(404);
        }
        var limited = anonymous
                .post("/api/auth/links/inspect", Map.of("token", "2".repeat(64)))
                .expect(429);

        assertThat(limited.json().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void tokenCreationIsLimitedPerAccount() {
        Api admin = Api.of(APP);
        nextWindow();
        String session = new Accounts(admin).login(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);

        admin.as(session).post("/api/api-tokens", Map.of("name", "one")).expect(201);
        admin.as(session).post("/api/api-tokens", Map.of("name", "two")).expect(201);
        var limited = admin.as(session)
                .post("/api/api-tokens", Map.of("name", "three"))
                .expect(429);

        assertThat(limited.header("Retry-After")).isNotNull();
    }

    @Test
    void theCountersAreRowsInPostgresSoEveryReplicaSharesThem() {
        Api.of(APP);
        nextWindow();
        login("shared@example.test").expect(401);

        long rows = org.jdbi.v3.core.Jdbi.create(DB.dataSource()).withHandle(h -> h.createQuery(
                        "select count(*) from rate_limit_hits where bucket = 'login:account:shared@example.test'")
                .mapTo(Long.class)
                .one());
        assertThat(rows).isEqualTo(1);
    }
}
