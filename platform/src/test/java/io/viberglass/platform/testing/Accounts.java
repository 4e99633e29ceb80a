package io.viberglass.platform.testing;

import java.util.Map;
import java.util.UUID;

/** Users, sessions and API tokens through the public API, for tests that act as someone other than the admin. */
public final class Accounts {
    public static final String PASSWORD = "a long enough password";

    private final Api admin;

    public Accounts(Api admin) {
        this.admin = admin;
    }

    /** A signed-in user: their id, email and session token. */
    public record Login(String userId, String email, String token) {}

    /** Creates a global member (or admin) and signs them in. */
    public Login user(String role) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        String id = admin.post(
                        "/api/users",
                        Map.of("email", email, "name", "User " + email, "password", PASSWORD, "role", role))
                .expect(201)
                .json()
                .get("id")
                .asText();
        return new Login(id, email, login(email));
    }

    public Login member() {
        return user("member");
    }

    public String login(String email) {
        return login(email, PASSWORD);
    }

    public String login(String email, String password) {
        return Api.anonymous(admin.base())
                .post("/api/auth/login", Map.of("email", email, "password", password))
                .expect(200)
                .json()
                .get("token")
                .asText();
    }

    /** Gives {@code user} a role in a project (as the global admin). */
    public void grant(String projectId, Login user, String role) {
        admin.post("/api/projects/" + projectId + "/members", Map.of("email", user.email(), "role", role))
                .expect(201);
    }

    /** A new API token of {@code owner} (signed in by session) with {@code scope}. */
    public String token(String ownerSession, String scope) {
        return admin.as(ownerSession)
                .post("/api/api-tokens", Map.of("name", "token " + UUID.randomUUID(), "scope", scope))
                .expect(201)
                .json()
                .get("token")
                .asText();
    }
}
