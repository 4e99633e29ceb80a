package io.viberglass.platform.infra.health;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Exposes every Dropwizard metric (requests, pool, JDBI timings) and JVM metrics in Prometheus text format. */
public final class PrometheusMetrics {
    private PrometheusMetrics() {}

    /** Mounts {@code /metrics} on the admin port. */
    public static void register(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(registry);
        JvmMetrics.builder().register(registry);
        environment
                .admin()
                .addServlet("prometheus", new PrometheusMetricsServlet(registry))
                .addMapping("/metrics");
    }
}
