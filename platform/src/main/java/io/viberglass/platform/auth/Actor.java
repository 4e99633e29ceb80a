package io.viberglass.platform.auth;

import java.security.Principal;
import java.util.UUID;

/**
 * Who is calling: a signed-in user (session or API token), the one local administrator when authentication is off, or
 * the platform itself for scheduler-fired work. Resources receive it as their {@code @Auth} principal.
 *
 * @param credentialId the session or API token the request came with, if any
 */
public record Actor(
        Kind kind, UUID userId, String email, String name, GlobalRole role, TokenScope scope, UUID credentialId)
        implements Principal {

    public enum Kind implements io.viberglass.common.job.WireEnum {
        SESSION,
        API_TOKEN,
        LOCAL_ADMIN,
        SYSTEM,
        /** A person acting from a chat app (Slack), mapped to their account by e-mail; never more than write scope. */
        CHAT
    }

    public static final String LOCAL_ADMIN_NAME = "local-admin";
    public static final String SYSTEM_NAME = "system";

    public static Actor session(User user, UUID sessionId) {
        return new Actor(Kind.SESSION, user.id(), user.email(), user.name(), user.role(), TokenScope.ADMIN, sessionId);
    }

    public static Actor apiToken(User user, UUID tokenId, TokenScope scope) {
        return new Actor(Kind.API_TOKEN, user.id(), user.email(), user.name(), user.role(), scope, tokenId);
    }

    /** The single administrator every request acts as when authentication is switched off (laptops only). */
    public static Actor localAdmin() {
        return new Actor(
                Kind.LOCAL_ADMIN,
                null,
                LOCAL_ADMIN_NAME,
                "Local administrator",
                GlobalRole.ADMIN,
                TokenScope.ADMIN,
                null);
    }

    /** The platform itself, for work a scheduler fires (claws); it is never a request's principal. */
    public static Actor system() {
        return new Actor(Kind.SYSTEM, null, SYSTEM_NAME, "Viberglass", GlobalRole.ADMIN, TokenScope.ADMIN, null);
    }

    /** A user acting from a chat app: their own account and role, with at most write scope. */
    public static Actor chat(User user) {
        return new Actor(Kind.CHAT, user.id(), user.email(), user.name(), user.role(), TokenScope.WRITE, null);
    }

    public boolean isGlobalAdmin() {
        return role == GlobalRole.ADMIN && scope.allows(TokenScope.ADMIN);
    }

    public boolean viaToken() {
        return kind == Kind.API_TOKEN;
    }

    /** The name kept on revisions, comments, approvals and audit events. */
    @Override
    public String getName() {
        return email;
    }
}
