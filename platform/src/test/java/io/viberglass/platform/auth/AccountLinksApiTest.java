package io.viberglass.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Invite and password reset links over HTTP: issued by an administrator, inspected and redeemed by anyone. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountLinksApiTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated(AccountLinksApiTest.class);

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-03-01T09:00:00Z"));

    static final DropwizardAppExtension<PlatformConfiguration> APP = TestApp.on(DB, CLOCK);

    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String INVALID = "This link is invalid, has been used or has expired";

    private final Api admin = Api.of(APP);
    private final Api anonymous = Api.anonymous(APP);
    private final Accounts accounts = new Accounts(admin);
    private final Jdbi jdbi = Jdbi.create(DB.dataSource());

    private static String email() {
        return "invitee-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    private Api.Reply invite(String email) {
        return admin.post("/api/users/invites", Map.of("email", email, "name", "Invited Person"));
    }

    private static String tokenOf(JsonNode link) {
        String url = link.get("url").asText();
        return url.substring(url.indexOf("#token=") + "#token=".length());
    }

    private Api.Reply inspect(String token) {
        return anonymous.post("/api/auth/links/inspect", Map.of("token", token));
    }

    private Api.Reply redeem(String token, String password) {
        return anonymous.post("/api/auth/links/redeem", Map.of("token", token, "password", password));
    }

    private Api.Reply resetLink(String userId) {
        return admin.post("/api/users/" + userId + "/password-reset-link", Map.of());
    }

    @Nested
    class Invites {
        @Test
        void anInvitedUserInspectsTheLinkSetsAPasswordAndIsSignedIn() {
            String email = email();

            var invitation = invite(email).expect(201).json();
            String token = tokenOf(invitation.get("link"));
            var details = inspect(token).expect(200).json();
            var signedIn = redeem(token, NEW_PASSWORD).expect(200);

            assertThat(invitation.get("user").get("email").asText()).isEqualTo(email);
            assertThat(invitation.get("link").get("kind").asText()).isEqualTo("invite");
            assertThat(invitation.get("link").get("url").asText())
                    .startsWith(APP.getConfiguration().getPublicUrl() + "/invite#token=");
            assertThat(token).matches("[0-9a-f]{64}");
            assertThat(Instant.parse(invitation.get("link").get("expiresAt").asText()))
                    .isEqualTo(CLOCK.instant().plus(Duration.ofHours(72)));
            assertThat(details.get("email").asText()).isEqualTo(email);
            assertThat(details.get("name").asText()).isEqualTo("Invited Person");
            assertThat(details.get("kind").asText()).isEqualTo("invite");
            String session = signedIn.json().get("token").asText();
            assertThat(signedIn.headers().headers().allValues("set-cookie"))
                    .anySatisfy(cookie -> assertThat(cookie).startsWith("vg_session=" + session));
            assertThat(admin.as(session)
                            .get("/api/auth/me")
                            .expect(200)
                            .json()
                            .get("user")
                            .get("email")
                            .asText())
                    .isEqualTo(email);
            assertThat(accounts.login(email, NEW_PASSWORD)).isNotBlank();
        }

        @Test
        void anInvitedUserCannotSignInBeforeSettingAPassword() {
            String email = email();
            invite(email).expect(201);

            anonymous
                    .post("/api/auth/login", Map.of("email", email, "password", "anything at all here"))
                    .expect(401);
        }

        @Test
        void aLinkWorksOnce() {
            String token = tokenOf(invite(email()).expect(201).json().get("link"));
            redeem(token, NEW_PASSWORD).expect(200);

            var again = redeem(token, "yet another passphrase").expect(404);
            var looked = inspect(token).expect(404);

            assertThat(again.json().get("message").asText()).isEqualTo(INVALID);
            assertThat(looked.body()).isEqualTo(again.body());
        }

        @Test
        void twoRedemptionsRacingForOneLinkLetExactlyOneThrough() {
            String token = tokenOf(invite(email()).expect(201).json().get("link"));

            var first = CompletableFuture.supplyAsync(
                    () -> redeem(token, NEW_PASSWORD).status());
            var second = CompletableFuture.supplyAsync(
                    () -> redeem(token, "the other passphrase").status());

            assertThat(List.of(first.join(), second.join())).containsExactlyInAnyOrder(200, 404);
        }

        @Test
        void anExpiredLinkIsRefusedLikeAnUnknownOne() {
            String token = tokenOf(invite(email()).expect(201).json().get("link"));
            CLOCK.advance(Duration.ofHours(72));

            var expired = inspect(token).expect(404);
            var unknown = inspect("f".repeat(64)).expect(404);

            assertThat(expired.body()).isEqualTo(unknown.body());
            redeem(token, NEW_PASSWORD).expect(404);
        }

        @Test
        void aWeakPasswordIs400WithTheFieldNamedAndLeavesTheLinkUsable() {
            String email = email();
            String token = tokenOf(invite(email).expect(201).json().get("link"));

            var shortOne = redeem(token, "short").expect(400).json();
            var theEmail = redeem(token, email + "  ").expect(400).json();

            assertThat(shortOne.get("details").get(0).get("field").asText()).isEqualTo("password");
            assertThat(theEmail.get("details").get(0).get("message").asText()).contains("email");
            inspect(token).expect(200);
            redeem(token, NEW_PASSWORD).expect(200);
        }

        @Test
        void aTakenEmailIs409() {
            String email = email();
            invite(email).expect(201);

            assertThat(invite(email).expect(409).json().get("code").asText()).isEqualTo("EMAIL_IN_USE");
        }

        @Test
        void onlyGlobalAdministratorsInvite() {
            Accounts.Login member = accounts.member();

            admin.as(member.token())
                    .post("/api/users/invites", Map.of("email", email(), "name", "Nope"))
                    .expect(403);
            anonymous
                    .post("/api/users/invites", Map.of("email", email(), "name", "Nope"))
                    .expect(401);
        }
    }

    @Nested
    class PasswordResets {
        @Test
        void aResetLinkSetsANewPasswordEndsEverySessionButKeepsApiTokensAndSignsIn() {
            Accounts.Login user = accounts.member();
            String otherSession = accounts.login(user.email());
            String apiToken = accounts.token(user.token(), "read");

            var link = resetLink(user.userId()).expect(200).json();
            var signedIn = redeem(tokenOf(link), NEW_PASSWORD).expect(200).json();

            assertThat(link.get("kind").asText()).isEqualTo("reset");
            admin.as(user.token()).get("/api/auth/me").expect(401);
            admin.as(otherSession).get("/api/auth/me").expect(401);
            admin.as(signedIn.get("token").asText()).get("/api/auth/me").expect(200);
            admin.as(apiToken).get("/api/auth/me").expect(200);
            anonymous
                    .post("/api/auth/login", Map.of("email", user.email(), "password", Accounts.PASSWORD))
                    .expect(401);
            accounts.login(user.email(), NEW_PASSWORD);
        }

        @Test
        void aNewLinkInvalidatesTheEarlierOne() {
            Accounts.Login user = accounts.member();
            String first = tokenOf(resetLink(user.userId()).expect(200).json());
            String second = tokenOf(resetLink(user.userId()).expect(200).json());

            inspect(first).expect(404);
            redeem(first, NEW_PASSWORD).expect(404);
            redeem(second, NEW_PASSWORD).expect(200);
        }

        @Test
        void aDeactivatedUserCannotUseALinkNorBeGivenOneAndReactivationDoesNotRevive() {
            Accounts.Login user = accounts.member();
            String token = tokenOf(resetLink(user.userId()).expect(200).json());
            admin.post("/api/users/" + user.userId() + "/deactivate", Map.of()).expect(200);

            inspect(token).expect(404);
            var refused = redeem(token, NEW_PASSWORD).expect(404);
            var notIssued = resetLink(user.userId()).expect(409);

            assertThat(refused.json().get("message").asText()).isEqualTo(INVALID);
            assertThat(notIssued.json().get("code").asText()).isEqualTo("USER_INACTIVE");
            admin.post("/api/users/" + user.userId() + "/reactivate", Map.of()).expect(200);
            redeem(token, NEW_PASSWORD).expect(404);
            redeem(tokenOf(resetLink(user.userId()).expect(200).json()), NEW_PASSWORD)
                    .expect(200);
        }

        @Test
        void anUnknownUserIs404() {
            resetLink(UUID.randomUUID().toString()).expect(404);
        }
    }

    @Nested
    class Secrecy {
        @Test
        void theTokenIsStoredHashedAndAppearsOnlyInTheReplyThatIssuedIt() {
            String email = email();
            var issued = invite(email).expect(201);
            String token = tokenOf(issued.json().get("link"));
            var inspected = inspect(token).expect(200);
            var redeemed = redeem(token, NEW_PASSWORD).expect(200);
            redeem(token, NEW_PASSWORD).expect(404);
            String userId = issued.json().get("user").get("id").asText();
            var reset = resetLink(userId).expect(200);

            List<String> replies = List.of(
                    inspected.body(),
                    redeemed.body(),
                    admin.get("/api/users/" + userId).expect(200).body(),
                    admin.get("/api/admin/audit?limit=200").expect(200).body());
            String stored = jdbi.withHandle(h -> h.createQuery(
                            "select string_agg(token_hash || ' ' || kind, ',') from account_links where user_id = "
                                    + ":user::uuid")
                    .bind("user", userId)
                    .mapTo(String.class)
                    .one());
            String audit = jdbi.withHandle(h -> h.createQuery("select string_agg(details, ' ') from audit_events")
                    .mapTo(String.class)
                    .one());

            assertThat(issued.body()).contains(token);
            assertThat(replies).allSatisfy(body -> assertThat(body).doesNotContain(token));
            assertThat(stored).doesNotContain(token).contains(io.viberglass.common.security.Tokens.sha256Hex(token));
            assertThat(audit).doesNotContain(token).doesNotContain(tokenOf(reset.json()));
        }

        @Test
        void issuingAndUsingAreAuditedWithWhoDidIt() {
            var issued = invite(email()).expect(201).json();
            String userId = issued.get("user").get("id").asText();
            redeem(tokenOf(issued.get("link")), NEW_PASSWORD).expect(200);

            List<Map<String, Object>> rows = jdbi.withHandle(
                    h -> h.createQuery("select action, actor from audit_events where target_id = :user order by seq")
                            .bind("user", userId)
                            .mapToMap()
                            .list());

            assertThat(rows)
                    .extracting(row -> row.get("action") + " by " + row.get("actor"))
                    .containsExactly(
                            "user.created by " + Api.ADMIN_EMAIL,
                            "user.link_issued by " + Api.ADMIN_EMAIL,
                            "auth.link_redeemed by "
                                    + issued.get("user").get("email").asText());
        }
    }
}
