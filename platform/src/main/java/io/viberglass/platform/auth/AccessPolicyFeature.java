package io.viberglass.platform.auth;

import io.dropwizard.auth.Auth;
import io.viberglass.platform.infra.errors.DomainException;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Default deny: every resource method of ours must say who may call it, by {@link PublicEndpoint}, {@code
 * RolesAllowed}, {@code PermitAll}, {@code DenyAll} or a required {@code @Auth} principal. A method that says nothing
 * answers 403 to everyone and is logged at start-up, so a forgotten annotation fails closed, never open.
 */
public class AccessPolicyFeature implements DynamicFeature {
    private static final Logger LOG = LoggerFactory.getLogger(AccessPolicyFeature.class);

    private final Set<String> unguarded = ConcurrentHashMap.newKeySet();

    @Override
    public void configure(ResourceInfo info, FeatureContext context) {
        Method method = info.getResourceMethod();
        Class<?> type = info.getResourceClass();
        if (method == null || type == null || !type.getName().startsWith("io.viberglass.")) {
            return; // Jersey's own OPTIONS handlers and the generated OpenAPI description
        }
        if (declaresPolicy(method) || declaresPolicy(type) || hasRequiredPrincipal(method)) {
            return;
        }
        String name = type.getSimpleName() + "." + method.getName();
        if (unguarded.add(name)) {
            LOG.error("{} declares no access policy; it answers 403 until it is annotated", name);
        }
        context.register((ContainerRequestFilter) request -> {
            throw DomainException.forbidden("NO_ACCESS_POLICY", "This endpoint has no access policy");
        });
    }

    /** Methods found without a policy (for tests). */
    public Set<String> unguarded() {
        return Set.copyOf(unguarded);
    }

    private static boolean declaresPolicy(AnnotatedElement element) {
        return element.isAnnotationPresent(PublicEndpoint.class)
                || element.isAnnotationPresent(RolesAllowed.class)
                || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(DenyAll.class);
    }

    private static boolean hasRequiredPrincipal(Method method) {
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Auth.class)
                    && !parameter.getType().equals(Optional.class)) {
                return true;
            }
        }
        return false;
    }
}
