package io.viberglass.platform.infra.http;

import io.dropwizard.core.setup.Environment;
import io.viberglass.platform.infra.config.HttpSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;

/**
 * Installs the servlet filters every request passes, in order: probes, CORS, security headers, declared charset, body
 * limit; and the
 * JSON error page for what Jetty refuses itself.
 */
public final class HttpFilters {
    private HttpFilters() {}

    /** Must run before the server is built: the encoding guard sits on the connectors. */
    public static void guardConnectors(io.dropwizard.core.server.ServerFactory serverFactory) {
        ContentEncodingGuard.install(serverFactory);
    }

    public static void register(Environment environment, HttpSettings settings) {
        JsonErrorWriter errors = new JsonErrorWriter(environment.getObjectMapper());
        JsonErrorHandler jettyErrors = new JsonErrorHandler(environment.getObjectMapper());
        environment.getApplicationContext().setErrorHandler(jettyErrors);
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(jettyErrors));
        add(environment, "probe-blocker", new ProbeBlockerFilter(errors));
        add(environment, "cors", new CorsFilter(settings.getCorsAllowedOrigins()));
        add(environment, "security-headers", new SecurityHeadersFilter(settings.isHsts()));
        add(environment, "charset", new CharsetFilter(errors));
        add(
                environment,
                "body-limit",
                new BodySizeLimitFilter(settings.getMaxBodyBytes(), settings.getMaxUploadBytes(), errors));
    }

    private static void add(Environment environment, String name, Filter filter) {
        environment
                .servlets()
                .addFilter(name, filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }
}
