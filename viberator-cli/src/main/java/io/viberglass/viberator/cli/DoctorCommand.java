package io.viberglass.viberator.cli;

import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.agent.BinaryResolver;
import io.viberglass.viberator.agent.HarnessRegistry;
import io.viberglass.viberator.credentials.CredentialResolver;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code viberator doctor}: checks what a run needs, saying where each credential was found but never its value. Exit 0
 * when the work directory is usable and at least one agent is installed with a key; 3 otherwise.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description =
                "Check the work directory, secrets, agent CLIs and API keys, and SCM tokens (values are never shown).")
final class DoctorCommand implements Callable<Integer> {
    private static final List<String> SCM_TOKENS = List.of("GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN", "GIT_TOKEN");

    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    WorkerOptions worker;

    DoctorCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean healthy = true;

        Path workDir = worker.workDir(environment);
        Files.createDirectories(workDir);
        boolean writable = Files.isWritable(workDir);
        healthy &= writable;
        out.println(mark(writable) + " work directory " + workDir + (writable ? "" : " is not writable"));

        Path secretsDir = worker.secretsDir(environment);
        out.println(mark(true) + " secrets directory " + secretsDir
                + (Files.isDirectory(secretsDir) ? "" : " (absent; credentials come from the environment)"));
        CredentialResolver credentials = new CredentialResolver(secretsDir, environment.variables());
        out.println(mark(true) + " git: JGit built in (no git binary needed)");
        for (String token : SCM_TOKENS) {
            out.println("  " + token + ": " + credentials.source(token));
        }

        BinaryResolver binaries = new BinaryResolver(environment.variables(), worker.agentBinaries);
        boolean anyAgentReady = false;
        for (AgentHarness harness : HarnessRegistry.builtIn().all()) {
            Optional<Path> binary = binaries.resolve(harness);
            Optional<String> key = harness.apiKeyNames().stream()
                    .filter(name -> !credentials.source(name).equals("missing"))
                    .findFirst();
            boolean ready = binary.isPresent() && key.isPresent();
            anyAgentReady |= ready;
            out.println(mark(ready) + " " + harness.type().wire() + ": "
                    + binary.map(path -> "binary " + path)
                            .orElse("not installed (" + binaries.describeLookup(harness) + ")")
                    + ", API key "
                    + key.map(name -> name + " from " + credentials.source(name))
                            .orElse("missing (" + String.join(" / ", harness.apiKeyNames()) + ")"));
        }
        healthy &= anyAgentReady;
        String platform = environment.get("PLATFORM_API_URL");
        out.println("  platform: " + (platform == null ? "not configured (standalone runs only)" : platform));
        out.println(healthy ? "Ready." : "Not ready: see the lines marked [x].");
        out.flush();
        return healthy ? ExitCodes.OK : ExitCodes.CONFIG_INVALID;
    }

    private static String mark(boolean ok) {
        return ok ? "[ok]" : "[x] ";
    }
}
