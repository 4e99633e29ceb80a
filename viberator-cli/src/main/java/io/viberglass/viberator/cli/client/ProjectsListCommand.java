package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Page;
import io.viberglass.viberator.client.Project;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code viberator projects list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List projects, newest first.")
public final class ProjectsListCommand implements Callable<Integer> {
    private final Connection connection;

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "50",
            description = "How many to show (1-200, default 50).")
    int limit;

    @Mixin
    ClientOptions options;

    public ProjectsListCommand(Connection connection) {
        this.connection = connection;
    }

    /** {@code projects list --json}. */
    public record Listing(List<Project> projects, long total) {}

    @Override
    public Integer call() {
        Output output = options.output();
        Page<Project> projects = connection.client().projects(limit);
        if (output.json()) {
            output.json(new Listing(projects.data(), projects.total()));
            return 0;
        }
        TextTable table = TextTable.of("ID", 36, "SLUG", 30, "NAME", 40, "CREATED", 16);
        projects.data()
                .forEach(project ->
                        table.row(project.id(), project.slug(), project.name(), Dates.of(project.createdAt())));
        table.print(output.out());
        return 0;
    }
}
