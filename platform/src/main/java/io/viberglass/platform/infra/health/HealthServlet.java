package io.viberglass.platform.infra.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code GET /health} on the application port, for load balancers and the quick start's {@code curl}: 200 when every
 * health check passes, 503 while one fails (for example during a database outage), with each check's state. Messages
 * are the checks' own short texts; stack traces stay on the admin port.
 */
public class HealthServlet extends HttpServlet {
    private final transient HealthCheckRegistry checks;
    private final transient ObjectMapper mapper;
    private final transient Clock clock;
    private final String version;

    public HealthServlet(HealthCheckRegistry checks, ObjectMapper mapper, Clock clock, String version) {
        this.checks = checks;
        this.mapper = mapper;
        this.clock = clock;
        this.version = version;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SortedMap<String, HealthCheck.Result> results = checks.runHealthChecks();
        Map<String, Object> report = new LinkedHashMap<>();
        boolean healthy = true;
        for (Map.Entry<String, HealthCheck.Result> entry : results.entrySet()) {
            HealthCheck.Result result = entry.getValue();
            healthy &= result.isHealthy();
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("healthy", result.isHealthy());
            if (result.getMessage() != null) {
                check.put("message", result.getMessage());
            } else if (result.getError() != null) {
                check.put("message", result.getError().getClass().getSimpleName());
            }
            report.put(entry.getKey(), check);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "unavailable");
        body.put("timestamp", clock.instant().toString());
        body.put("version", version);
        body.put("checks", report);
        response.setStatus(healthy ? 200 : 503);
        response.setContentType("application/json");
        mapper.writeValue(response.getOutputStream(), body);
    }
}
