package io.viberglass.viberator.cli;

import io.viberglass.viberator.agent.AgentHarness;
import io.viberglass.viberator.agent.BinaryResolver;
import io.viberglass.viberator.agent.HarnessRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code viberator agents}: the harnesses this worker has, which CLIs are installed, and their versions. */
@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = "List the supported agents, whether each CLI is installed, and its version.")
final class AgentsCommand implements Callable<Integer> {
    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Option(
            names = "--agent-bin",
            paramLabel = "AGENT=PATH",
            description = "Use this executable for an agent, as for 'viberator run'. Repeatable.")
    Map<String, Path> agentBinaries = new LinkedHashMap<>();

    AgentsCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        BinaryResolver resolver = new BinaryResolver(environment.variables(), agentBinaries);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AgentHarness harness : HarnessRegistry.builtIn().all()) {
            Optional<Path> binary = resolver.resolve(harness);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", harness.type().wire());
            row.put("name", harness.type().displayName());
            row.put("executable", harness.executable());
            row.put("installed", binary.isPresent());
            row.put("path", binary.map(Path::toString).orElse(null));
            row.put(
                    "version",
                    binary.map(path -> AgentProbe.version(harness, path, environment.variables(), environment.clock()))
                            .orElse(null));
            row.put("apiKeyVariables", harness.apiKeyNames());
            row.put("binaryOverride", harness.binaryOverrideVariable());
            rows.add(row);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JobExecution.toJson(rows));
        } else {
            out.printf("%-13s %-13s %-10s %s%n", "AGENT", "NAME", "INSTALLED", "VERSION / PATH");
            for (Map<String, Object> row : rows) {
                boolean installed = (Boolean) row.get("installed");
                out.printf(
                        "%-13s %-13s %-10s %s%n",
                        row.get("id"),
                        row.get("name"),
                        installed ? "yes" : "no",
                        installed
                                ? row.get("version") + "  " + row.get("path")
                                : "(install '" + row.get("executable") + "' or set $" + row.get("binaryOverride")
                                        + ")");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
