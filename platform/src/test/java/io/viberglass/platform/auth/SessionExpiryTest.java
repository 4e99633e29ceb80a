package io.viberglass.platform.auth;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.viberglass.platform.PlatformConfiguration;
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

/** Sessions live seven days from their last use: the platform's clock is moved by hand. */
@ExtendWith(DropwizardExtensionsSupport.class)
class SessionExpiryTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(SessionExpiryTest.class);

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-01-01T09:00:00Z"));

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, CLOCK);

    private Api signIn() {
        Api.of(APP); // the first administrator exists
        String token = Api.anonymous(APP)
                .post("/api/auth/login", Map.of("email", Api.ADMIN_EMAIL, "password", Api.ADMIN_PASSWORD))
                .expect(200)
                .json()
                .get("token")
                .asText();
        return Api.anonymous(APP).as(token);
    }

    @Test
    void anUnusedSessionExpiresAfterSevenDays() {
        Api session = signIn();

        CLOCK.advance(Duration.ofDays(7).minusMinutes(1));
        CLOCK.advance(Duration.ofMinutes(2));

        session.get("/api/auth/me").expect(401);
    }

    @Test
    void eachUseSlidesTheExpirySevenDaysForward() {
        Api session = signIn();

        for (int week = 0; week < 3; week++) {
            CLOCK.advance(Duration.ofDays(6));
            session.get("/api/auth/me").expect(200);
        }
        CLOCK.advance(Duration.ofDays(7).plusMinutes(2));

        session.get("/api/auth/me").expect(401);
    }

    @Test
    void anApiTokenExpiresAtItsExpiry() {
        Api session = signIn();
        String token = session.post(
                        "/api/api-tokens",
                        Map.of(
                                "name",
                                "Short",
                                "scope",
                                "read",
                                "expiresAt",
                                CLOCK.instant().plus(Duration.ofHours(1))))
                .expect(201)
                .json()
                .get("token")
                .asText();

        session.as(token).get("/api/projects").expect(200);
        CLOCK.advance(Duration.ofHours(1));

        session.as(token).get("/api/projects").expect(401);
    }
}
