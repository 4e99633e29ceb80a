package io.viberglass.lambda;

import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.job.WorkerEvent;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.job.WorkerSettings;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretRedactor;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.JobRunner;
import io.viberglass.viberator.RunContext;
import io.viberglass.viberator.credentials.CredentialResolver;
import io.viberglass.viberator.credentials.SsmSecrets;
import io.viberglass.viberator.payload.BootstrapClient;
import io.viberglass.viberator.payload.InvalidPayloadException;
import io.viberglass.viberator.payload.PayloadReader;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.report.CallbackReporter;
import io.viberglass.viberator.report.ConsoleReporter;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.report.RedactingReporter;
import io.viberglass.viberator.report.TeeReporter;
import io.viberglass.viberator.session.CallbackSessionChannel;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * One job in one Lambda invocation, the way {@code viberator job} runs one: fetch the payload with the event's token,
 * read the credentials the event names from SSM, run the harness under a time limit that ends before the function's
 * own, and report through callbacks. Built once per function instance; keeps no per-job state.
 */
public final class LambdaWorker {
    private final JobRunner runner;
    private final BootstrapClient bootstrap;
    private final Function<Map<String, String>, SsmClient> ssmClients;
    private final Map<String, String> environment;
    private final Clock clock;
    private final PrintWriter console;
    private final TimeBudget budget;
    private final Path workRoot;
    private final PayloadReader payloads = new PayloadReader(Json.newMapper());

    /**
     * @param environment the function's environment: agent binaries, {@code PATH}, AWS region and credentials for SSM,
     *     credentials not delivered through SSM
     * @param console where a human-readable copy of the run goes (CloudWatch Logs, through the function's output)
     */
    public LambdaWorker(
            JobRunner runner,
            HttpClient http,
            Function<Map<String, String>, SsmClient> ssmClients,
            Map<String, String> environment,
            Clock clock,
            PrintWriter console,
            TimeBudget budget,
            Path workRoot) {
        this.runner = runner;
        this.bootstrap = new BootstrapClient(http);
        this.ssmClients = ssmClients;
        this.environment = Map.copyOf(environment);
        this.clock = clock;
        this.console = console;
        this.budget = budget;
        this.workRoot = workRoot;
    }

    /** What the invocation returns; the platform learns the same through callbacks. */
    public record Outcome(String jobId, boolean success, String outcome, String message) {
        Map<String, Object> asMap() {
            Map<String, Object> map = new HashMap<>();
            map.put("jobId", jobId);
            map.put("success", success);
            map.put("outcome", outcome);
            if (message != null) {
                map.put("message", message);
            }
            return map;
        }
    }

    public Outcome run(WorkerEvent event, Duration remaining) {
        WorkerInvocation invocation = event.invocation();
        String json;
        try {
            json = bootstrap.fetch(invocation);
        } catch (BootstrapClient.BootstrapException e) {
            // nobody to tell: without its payload the job is failed by the platform's sweeper
            console.println("viberator-lambda: " + e.getMessage());
            console.flush();
            return new Outcome(invocation.jobId(), false, "platform_unreachable", e.getMessage());
        }
        Cancellation cancellation = new Cancellation();
        JobReporter reporter = new TeeReporter(
                List.of(CallbackReporter.to(invocation, cancellation, clock), new ConsoleReporter(console, false)));
        try {
            return runPayload(event, json, remaining, cancellation, reporter);
        } finally {
            reporter.close();
        }
    }

    private Outcome runPayload(
            WorkerEvent event, String json, Duration remaining, Cancellation cancellation, JobReporter reporter) {
        String jobId = event.jobId();
        JobPayload payload;
        Map<String, String> ssmValues;
        try {
            payload = payloads.read(json);
            ssmValues = readSsm(event.ssmSecrets());
        } catch (InvalidPayloadException | SsmSecrets.SsmReadException e) {
            return refuse(reporter, event, e.getMessage());
        }
        int agentSeconds = budget.agentSeconds(remaining, payload.settings().timeLimitSeconds());
        if (agentSeconds == 0) {
            return refuse(
                    reporter,
                    event,
                    "The Lambda function has " + remaining.toSeconds() + " s left, too little for a run after keeping "
                            + budget.margin().toSeconds() + " s for git and reporting; raise the function's timeout");
        }
        Map<String, String> lookup = new HashMap<>(environment);
        lookup.putAll(ssmValues);
        RunContext context = RunContext.of(workRoot, environment, reporter)
                .withCredentials(new CredentialResolver(null, lookup))
                .withCancellation(cancellation)
                .withExtraSecrets(List.of(SecretValue.of(event.callbackToken())))
                .withSessions(CallbackSessionChannel.to(event.invocation(), cancellation));
        JobResult result = runner.run(withTimeLimit(payload, agentSeconds), context);
        return new Outcome(jobId, result.success(), result.outcome().wire(), result.errorMessage());
    }

    private Map<String, String> readSsm(Map<String, String> parameters) throws SsmSecrets.SsmReadException {
        if (parameters.isEmpty()) {
            return Map.of();
        }
        try (SsmClient ssm = ssmClients.apply(environment)) {
            return new SsmSecrets(ssm).read(parameters);
        }
    }

    /** The job cannot start: the platform is told why, with the token scrubbed from the message. */
    private static Outcome refuse(JobReporter reporter, WorkerEvent event, String message) {
        new RedactingReporter(reporter, SecretRedactor.shapesOnly().withKnownValues(List.of(event.callbackToken())))
                .result(JobResult.failure(RunOutcome.CONFIG_INVALID, message, 0));
        return new Outcome(event.jobId(), false, RunOutcome.CONFIG_INVALID.wire(), message);
    }

    static JobPayload withTimeLimit(JobPayload payload, int seconds) {
        WorkerSettings given = payload.settings();
        if (given.timeLimitSeconds() == seconds) {
            return payload;
        }
        WorkerSettings limited = new WorkerSettings(
                seconds,
                given.maxChanges(),
                given.testRequired(),
                given.runTests(),
                given.testCommand(),
                given.codingStandards());
        return payload.withSettings(limited);
    }
}
