package io.viberglass.platform.infra.web;

import io.dropwizard.core.setup.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Mounts the dashboard at {@code /}; Jersey ({@code /api/*}) and {@code /health} keep their more specific mappings. */
public final class WebApp {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    private WebApp() {}

    public static void register(Environment environment) {
        WebAppServlet servlet = new WebAppServlet(WebApp.class.getClassLoader(), environment.getObjectMapper());
        if (!servlet.isBuilt()) {
            LOG.warn(
                    "The dashboard's files ({}) are not on the classpath; / answers 503 until it is built",
                    WebAppServlet.ROOT);
        }
        environment.servlets().addServlet("webapp", servlet).addMapping("/*");
    }
}
