package io.viberglass.platform.infra.http;

import io.dropwizard.core.setup.Environment;
import io.viberglass.platform.infra.config.HttpSettings;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.EnumSet;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;

/**
 * Installs the servlet filters every request passes, in order: probes, CORS, security headers, declared charset, body
 * limit; the JSON error page for what Jetty refuses itself; and, before any handler, the check of
 * {@code Content-Encoding} that keeps a malformed value from crashing Jetty's gzip handler.
 */
public final class HttpFilters {
    private HttpFilters() {}

    public static void register(Environment environment, HttpSettings settings) {
        JsonErrorWriter errors = new JsonErrorWriter(environment.getObjectMapper());
        JsonErrorHandler jettyErrors = new JsonErrorHandler(environment.getObjectMapper());
        environment.getApplicationContext().setErrorHandler(jettyErrors);
        environment.lifecycle().addServerLifecycleListener(server -> {
            server.setErrorHandler(jettyErrors);
            for (Connector connector : server.getConnectors()) {
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    http.getHttpConfiguration().addCustomizer(new ContentCodingGuard());
                }
            }
        });
        add(environment, "content-coding", new ContentCodingFilter(errors));
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
