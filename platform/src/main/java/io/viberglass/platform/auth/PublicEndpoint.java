package io.viberglass.platform.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method (or class) that needs no signed-in user. Every other method must state its requirement
 * ({@code @RolesAllowed}, {@code @PermitAll} or an {@code @Auth} principal), or {@link AccessPolicyFeature} denies
 * it: the default is closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PublicEndpoint {
    /** Why this is safe without a user (checked by its own credentials, harmless, needed before sign-in). */
    String reason();
}
