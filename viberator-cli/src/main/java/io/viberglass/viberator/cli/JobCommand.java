package io.viberglass.viberator.cli;

import io.viberglass.common.job.JobPayload;
import io.viberglass.common.job.JobResult;
import io.viberglass.common.job.RunOutcome;
import io.viberglass.common.job.WorkerEnvironment;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.common.json.Json;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.RunContext;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * {@code viberator job}: the platform's worker mode. Fetches the payload from the platform (or reads {@code --job-file}),
 * runs it, and reports progress, batched logs and the result through the callback API.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = "Run one platform job: fetch its payload, run it and report back through the callback API. "
                + "Every option defaults from the environment variable named in its description.")
final class JobCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--platform-url", paramLabel = "URL", description = "Platform base URL ($PLATFORM_API_URL).")
    String platformUrl;

    @Option(names = "--job-id", paramLabel = "ID", description = "Job id ($JOB_ID).")
    String jobId;

    @Option(
            names = "--callback-token",
            paramLabel = "TOKEN",
            description = "Callback token ($CALLBACK_TOKEN, else read from the file $CALLBACK_TOKEN_FILE or the SSM "
                    + "parameter $CALLBACK_TOKEN_SSM_PARAMETER). Prefer those: arguments are visible in ps.")
    String callbackToken;

    @Option(names = "--tenant-id", paramLabel = "ID", description = "Tenant id ($TENANT_ID).")
    String tenantId;

    @Option(
            names = "--job-file",
            paramLabel = "FILE",
            description = "Read the payload from this file instead of fetching it. Callbacks are still sent when a "
                    + "callback token is known.")
    Path jobFile;

    @Mixin
    OutputOptions output;

    @Mixin
    WorkerOptions worker;

    JobCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        String url = option(platformUrl, "PLATFORM_API_URL");
        String id = option(jobId, "JOB_ID");
        String tenant = option(tenantId, "TENANT_ID");
        PrintWriter err = spec.commandLine().getErr();
        String token;
        try {
            token = new CallbackTokenSource(environment).resolve(callbackToken);
        } catch (CallbackTokenSource.TokenUnavailableException e) {
            err.println("viberator: " + e.getMessage());
            err.flush();
            return ExitCodes.CONFIG_INVALID;
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String bundleToken = environment.get(WorkerEnvironment.SECRET_BUNDLE_TOKEN);
        if (token == null && bundleToken != null && !bundleToken.isBlank()) {
            List<String> missing = missing(url, id, bundleToken, tenant);
            if (!missing.isEmpty()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Missing " + String.join(", ", missing) + " (flag or environment variable)");
            }
            try {
                token = new SecretBundleFetch(new BootstrapClient(http))
                        .fetchInto(worker.secretsDir(environment), url, id, tenant, bundleToken);
            } catch (BootstrapClient.BootstrapException e) {
                err.println("viberator: " + e.getMessage());
                err.flush();
                return e.getMessage().contains("refused") ? ExitCodes.CONFIG_INVALID : ExitCodes.PLATFORM_UNREACHABLE;
            } catch (java.io.IOException e) {
                err.println("viberator: the secret bundle could not be written: " + e.getMessage());
                err.flush();
                return ExitCodes.CONFIG_INVALID;
            }
        }

        String json;
        if (jobFile != null) {
            json = Files.readString(jobFile);
        } else {
            List<String> missing = missing(url, id, token, tenant);
            if (!missing.isEmpty()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "Missing " + String.join(", ", missing) + " (flag or environment variable)");
            }
            try {
                json = new BootstrapClient(http).fetch(new WorkerInvocation(id, url, tenant, token));
            } catch (BootstrapClient.BootstrapException e) {
                err.println("viberator: " + e.getMessage());
                err.flush();
                return e.getMessage().contains("refused") ? ExitCodes.CONFIG_INVALID : ExitCodes.PLATFORM_UNREACHABLE;
            }
        }

        Cancellation cancellation = new Cancellation();
        PayloadReader reader = new PayloadReader(Json.newMapper());
        JobPayload payload;
        try {
            payload = reader.read(json);
        } catch (InvalidPayloadException e) {
            JobReporter reporter = reporter(url, id, tenant, token, cancellation);
            // the platform still learns why its job cannot run, when it can be told
            new RedactingReporter(reporter, SecretValueRedaction.of(token))
                    .result(JobResult.failure(RunOutcome.CONFIG_INVALID, e.getMessage(), 0));
            reporter.close();
            return ExitCodes.CONFIG_INVALID;
        }

        String callbackBase = url != null ? url : payload.platformApiUrl();
        JobReporter reporter = reporter(
                callbackBase,
                id != null ? id : payload.jobId(),
                tenant != null ? tenant : payload.tenantId(),
                token,
                cancellation);
        Map<String, String> ssmCredentials;
        try {
            ssmCredentials = ssmCredentials();
        } catch (SsmSecrets.SsmReadException e) {
            new RedactingReporter(reporter, SecretValueRedaction.of(token))
                    .result(JobResult.failure(RunOutcome.CONFIG_INVALID, e.getMessage(), 0));
            reporter.close();
            return ExitCodes.CONFIG_INVALID;
        }
        RunContext context = JobExecution.context(environment, worker, reporter, true, ssmCredentials)
                .withCancellation(cancellation);
        List<SecretValue> tokens = new java.util.ArrayList<>();
        if (token != null) {
            tokens.add(SecretValue.of(token));
        }
        if (bundleToken != null && !bundleToken.isBlank()) {
            tokens.add(SecretValue.of(bundleToken)); // spent, but no reason to print it
        }
        if (!tokens.isEmpty()) {
            context = context.withExtraSecrets(tokens);
        }
        String jobId = id != null ? id : payload.jobId();
        String tenantId = tenant != null ? tenant : payload.tenantId();
        if (callbackBase != null && token != null && tenantId != null) {
            context = context.withSessions(CallbackSessionChannel.to(
                    new WorkerInvocation(jobId, callbackBase, tenantId, token), cancellation));
        }
        JobResult result;
        try {
            result = JobExecution.run(environment, payload, context);
        } finally {
            reporter.close();
        }
        return JobExecution.finish(result, output, spec.commandLine().getOut());
    }

    /** Credentials the invoker named by SSM parameter ({@code VIBERATOR_SSM_SECRETS}), read with the worker's role. */
    private Map<String, String> ssmCredentials() throws SsmSecrets.SsmReadException {
        Map<String, String> parameters =
                WorkerEnvironment.decodeSsmSecrets(environment.get(WorkerEnvironment.SSM_SECRETS));
        if (parameters.isEmpty()) {
            return Map.of();
        }
        try (SsmClient ssm = SsmSecrets.client(environment.variables())) {
            return new SsmSecrets(ssm).read(parameters);
        }
    }

    /** Callbacks when the platform can be reached, always the terminal. */
    private JobReporter reporter(String url, String id, String tenant, String token, Cancellation cancellation) {
        ConsoleReporter console = new ConsoleReporter(spec.commandLine().getErr(), output.verbose);
        if (url == null || id == null || token == null || tenant == null) {
            return console;
        }
        CallbackReporter callbacks =
                CallbackReporter.to(new WorkerInvocation(id, url, tenant, token), cancellation, environment.clock());
        return new TeeReporter(List.of(callbacks, console));
    }

    private String option(String flag, String variable) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String value = environment.get(variable);
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> missing(String url, String id, String token, String tenant) {
        List<String> missing = new java.util.ArrayList<>();
        if (url == null) {
            missing.add("--platform-url");
        }
        if (id == null) {
            missing.add("--job-id");
        }
        if (token == null) {
            missing.add("--callback-token");
        }
        if (tenant == null) {
            missing.add("--tenant-id");
        }
        return missing;
    }
}
