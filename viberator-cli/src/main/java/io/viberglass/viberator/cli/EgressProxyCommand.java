package io.viberglass.viberator.cli;

import io.viberglass.common.job.WorkerEnvironment;
import io.viberglass.common.job.WorkerInvocation;
import io.viberglass.viberator.egress.BlockedHostLog;
import io.viberglass.viberator.egress.EgressAllowList;
import io.viberglass.viberator.egress.EgressProxy;
import io.viberglass.viberator.payload.BootstrapClient;
import io.viberglass.viberator.process.Cancellation;
import io.viberglass.viberator.report.CallbackReporter;
import io.viberglass.viberator.report.ConsoleReporter;
import io.viberglass.viberator.report.JobReporter;
import io.viberglass.viberator.report.TeeReporter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code viberator egress-proxy}: the sidecar that enforces a clanker's egress policy. The platform starts it next to a
 * worker that can reach nothing but this proxy; it lets through only the allowed hosts and says which it refused.
 */
@Command(
        name = "egress-proxy",
        mixinStandardHelpOptions = true,
        description = "Run an HTTP proxy (CONNECT tunnels and plain HTTP) that lets through only the allowed hosts and "
                + "answers 403 for every other one. Runs until stopped.")
final class EgressProxyCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = "0.0.0.0:3128",
            description = "Address and port to listen on (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(
            names = "--allow",
            paramLabel = "HOSTS",
            split = ",",
            description = "Allowed destinations, comma-separated: host, *.domain (subdomains only) or IP address, each "
                    + "with an optional :port. Repeatable. Nothing else is reachable.")
    List<String> allow = new ArrayList<>();

    @Option(
            names = "--report-to-job",
            description = "Also write refused hosts into the job's log through the callback API, using $JOB_ID, "
                    + "$TENANT_ID, $PLATFORM_API_URL and the callback token ($CALLBACK_TOKEN, $CALLBACK_TOKEN_FILE or the "
                    + "one-time bundle of $VIBERATOR_SECRET_BUNDLE_TOKEN).")
    boolean reportToJob;

    EgressProxyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        EgressAllowList allowList;
        InetSocketAddress address;
        try {
            allowList = EgressAllowList.parse(allow);
            address = address(listen);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        JobReporter reporter = reporter(err);
        try (EgressProxy proxy = new EgressProxy(address, allowList, new BlockedHostLog(reporter)).start()) {
            err.println("egress proxy on " + address.getHostString() + ":" + proxy.port() + " allowing "
                    + allowList.patterns());
            err.flush();
            proxy.join();
        } finally {
            reporter.close();
        }
        return ExitCodes.OK;
    }

    private JobReporter reporter(PrintWriter err) throws CallbackTokenSource.TokenUnavailableException {
        ConsoleReporter console = new ConsoleReporter(err, false);
        if (!reportToJob) {
            return console;
        }
        String url = environment.get(WorkerEnvironment.PLATFORM_API_URL);
        String jobId = environment.get(WorkerEnvironment.JOB_ID);
        String tenant = environment.get(WorkerEnvironment.TENANT_ID);
        String token = new CallbackTokenSource(environment).resolve(null);
        String bundleToken = environment.get(WorkerEnvironment.SECRET_BUNDLE_TOKEN);
        if (token == null
                && bundleToken != null
                && !bundleToken.isBlank()
                && url != null
                && jobId != null
                && tenant != null) {
            // the Docker invoker seals the proxy's callback token like the worker's secrets: one fetch, no file
            try {
                token = new SecretBundleFetch(new BootstrapClient(HttpClient.newBuilder()
                                .connectTimeout(Duration.ofSeconds(10))
                                .build()))
                        .fetchInto(null, url, jobId, tenant, bundleToken);
            } catch (BootstrapClient.BootstrapException | java.io.IOException e) {
                throw new CallbackTokenSource.TokenUnavailableException(e.getMessage());
            }
        }
        if (url == null || jobId == null || tenant == null || token == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--report-to-job needs PLATFORM_API_URL, JOB_ID, TENANT_ID and a callback token");
        }
        CallbackReporter callbacks = CallbackReporter.to(
                new WorkerInvocation(jobId, url, tenant, token), new Cancellation(), environment.clock());
        return new TeeReporter(List.of(callbacks, console));
    }

    static InetSocketAddress address(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--listen must be HOST:PORT, not '" + text + "'");
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(text.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen has an invalid port: '" + text + "'");
        }
    }
}
