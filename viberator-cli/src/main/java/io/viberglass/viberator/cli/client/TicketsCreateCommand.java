package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.CliEnvironment;
import io.viberglass.viberator.client.NewTicket;
import io.viberglass.viberator.client.Project;
import io.viberglass.viberator.client.Ticket;
import io.viberglass.viberator.client.ViberglassClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code viberator tickets create}: a new ticket, its description from an argument, a file or standard input. */
@Command(
        name = "create",
        mixinStandardHelpOptions = true,
        description = "Create a ticket. The description comes from --description, --description-file FILE, or "
                + "standard input with --description-file -.")
public final class TicketsCreateCommand implements Callable<Integer> {
    static final String PROJECT_VARIABLE = "VIBERGLASS_PROJECT";

    private final CliEnvironment environment;
    private final Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-p", "--project"},
            paramLabel = "SLUG|ID",
            description = "Project the ticket belongs to (default: $VIBERGLASS_PROJECT).")
    String project;

    @Option(
            names = {"-t", "--title"},
            required = true,
            paramLabel = "TEXT",
            description = "One-line summary.")
    String title;

    @Option(
            names = {"-d", "--description"},
            paramLabel = "TEXT",
            description = "What is wrong or wanted, in Markdown.")
    String description;

    @Option(
            names = {"-f", "--description-file"},
            paramLabel = "FILE",
            description = "Read the description from FILE; '-' reads standard input.")
    String descriptionFile;

    @Option(
            names = {"-l", "--label"},
            paramLabel = "LABEL",
            split = ",",
            description = "A label (repeatable, or comma-separated); stored in the ticket's metadata.labels.")
    List<String> labels = new ArrayList<>();

    @Option(
            names = {"-s", "--severity"},
            paramLabel = "SEVERITY",
            description = "low, medium, high or critical (default: the platform's, medium).")
    String severity;

    @Option(names = "--category", paramLabel = "TEXT", description = "Free-form category, e.g. bug or feature.")
    String category;

    @Mixin
    ClientOptions options;

    public TicketsCreateCommand(CliEnvironment environment, Connection connection) {
        this.environment = environment;
        this.connection = connection;
    }

    @Override
    public Integer call() throws IOException {
        Output output =
                new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), options.json);
        String text = description();
        String projectRef = project != null ? project : environment.get(PROJECT_VARIABLE);
        if (projectRef == null || projectRef.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Give the project with --project or $" + PROJECT_VARIABLE);
        }
        ViberglassClient client = connection.client();
        Project target = client.project(projectRef.strip());
        Ticket ticket = client.createTicket(NewTicket.of(
                target.id(),
                title,
                text,
                severity == null ? null : severity.toLowerCase(Locale.ROOT),
                category,
                labels.stream()
                        .map(String::strip)
                        .filter(label -> !label.isEmpty())
                        .toList()));
        if (output.json()) {
            output.json(ticket);
        } else {
            output.text(ticket.id().toString());
            output.note("Created ticket " + ticket.id() + " in " + target.name() + ": " + ticket.title()
                    + "\nNext: viberator tickets run " + ticket.id() + " --phase research --wait");
        }
        return 0;
    }

    private String description() throws IOException {
        if (description != null && descriptionFile != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Give either --description or --description-file, not both");
        }
        if (descriptionFile == null) {
            return description;
        }
        if (descriptionFile.equals("-")) {
            return new String(environment.terminal().in().readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(Path.of(descriptionFile));
    }
}
