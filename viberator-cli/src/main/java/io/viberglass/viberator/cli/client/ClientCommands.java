package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.cli.CliEnvironment;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the platform-client commands with their dependencies, for the command factory. */
public final class ClientCommands {
    private final Map<Class<?>, Supplier<Object>> constructors;

    public ClientCommands(CliEnvironment environment) {
        Connection connection = new Connection(environment);
        this.constructors = Map.ofEntries(
                Map.entry(LoginCommand.class, () -> new LoginCommand(environment)),
                Map.entry(ProjectsListCommand.class, () -> new ProjectsListCommand(connection)),
                Map.entry(TicketsCreateCommand.class, () -> new TicketsCreateCommand(environment, connection)),
                Map.entry(TicketsListCommand.class, () -> new TicketsListCommand(connection)),
                Map.entry(TicketsShowCommand.class, () -> new TicketsShowCommand(connection)),
                Map.entry(TicketsRunCommand.class, () -> new TicketsRunCommand(environment, connection)),
                Map.entry(PlanShowCommand.class, () -> new PlanShowCommand(environment, connection)),
                Map.entry(PlanApproveCommand.class, () -> new PlanApproveCommand(connection)),
                Map.entry(RunsListCommand.class, () -> new RunsListCommand(connection)),
                Map.entry(RunsShowCommand.class, () -> new RunsShowCommand(connection)),
                Map.entry(RunsCancelCommand.class, () -> new RunsCancelCommand(connection)),
                Map.entry(LogsCommand.class, () -> new LogsCommand(connection)),
                Map.entry(SessionsFollowCommand.class, () -> new SessionsFollowCommand(connection)));
    }

    /** A new command of {@code type}, or null when it is not a client command that needs dependencies. */
    public <K> K create(Class<K> type) {
        Supplier<Object> constructor = constructors.get(type);
        return constructor == null ? null : type.cast(constructor.get());
    }
}
