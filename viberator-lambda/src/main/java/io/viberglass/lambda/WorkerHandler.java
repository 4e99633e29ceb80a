package io.viberglass.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.job.WorkerEvent;
import io.viberglass.common.json.Json;
import io.viberglass.viberator.JobRunner;
import io.viberglass.viberator.credentials.SsmSecrets;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The Lambda entry point ({@code io.viberglass.lambda.WorkerHandler::handleRequest}): maps the platform's invoke event
 * to a {@link WorkerEvent}, runs it with {@link LambdaWorker} and returns a short summary. The event arrives as a map,
 * which every Lambda Java runtime can deserialize, and is read with the platform's own JSON mapper.
 *
 * <p>Configuration (function environment): {@code WORK_DIR} (default {@code /tmp/viberator-work}),
 * {@code VIBERATOR_LAMBDA_SAFETY_MARGIN_SECONDS} (default 90: time kept for git and reporting after the agent),
 * {@code VIBERATOR_LAMBDA_MINIMUM_SECONDS} (default 30: below this the job is refused), the agent binaries and keys as
 * for {@code viberator job}.
 */
public final class WorkerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final LambdaWorker worker;
    private final ObjectMapper mapper = Json.newMapper();

    /** The runtime's constructor: the one wiring place of the function. */
    public WorkerHandler() {
        this(System.getenv(), new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    }

    public WorkerHandler(Map<String, String> environment, PrintWriter console) {
        this(build(environment, console));
    }

    WorkerHandler(LambdaWorker worker) {
        this.worker = worker;
    }

    private static LambdaWorker build(Map<String, String> environment, PrintWriter console) {
        Clock clock = Clock.systemUTC();
        return new LambdaWorker(
                new JobRunner(clock),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                SsmSecrets::client,
                environment,
                clock,
                console,
                new TimeBudget(
                        Duration.ofSeconds(seconds(environment, "VIBERATOR_LAMBDA_SAFETY_MARGIN_SECONDS", 90)),
                        Duration.ofSeconds(seconds(environment, "VIBERATOR_LAMBDA_MINIMUM_SECONDS", 30))),
                Path.of(environment.getOrDefault("WORK_DIR", "/tmp/viberator-work")));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input == null) {
            throw new IllegalArgumentException("Not a Viberglass worker event: the event is empty");
        }
        WorkerEvent event;
        try {
            event = mapper.convertValue(input, WorkerEvent.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a Viberglass worker event: " + e.getMessage(), e);
        }
        if (blank(event.jobId())
                || blank(event.platformApiUrl())
                || blank(event.tenantId())
                || blank(event.callbackToken())) {
            throw new IllegalArgumentException(
                    "Not a Viberglass worker event: jobId, platformApiUrl, tenantId and callbackToken are required");
        }
        return worker.run(event, Duration.ofMillis(context.getRemainingTimeInMillis()))
                .asMap();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static long seconds(Map<String, String> environment, String name, long fallback) {
        String value = environment.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
