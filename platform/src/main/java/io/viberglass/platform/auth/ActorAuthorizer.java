package io.viberglass.platform.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Answers {@code @RolesAllowed}: {@link Roles#ADMIN} needs a global administrator with a full-scope credential. */
public class ActorAuthorizer implements Authorizer<Actor> {
    @Override
    public boolean authorize(Actor actor, String role, ContainerRequestContext request) {
        return switch (role) {
            case Roles.ADMIN -> actor.isGlobalAdmin();
            case Roles.USER -> true;
            default -> false;
        };
    }
}
