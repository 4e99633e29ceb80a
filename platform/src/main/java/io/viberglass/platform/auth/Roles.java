package io.viberglass.platform.auth;

/** The role names {@code @RolesAllowed} takes. Project roles are checked by {@code ProjectAccess}, not here. */
public final class Roles {
    /** A global administrator, signed in with a session or an admin-scoped token. */
    public static final String ADMIN = "admin";

    /** Any signed-in user. */
    public static final String USER = "user";

    private Roles() {}
}
