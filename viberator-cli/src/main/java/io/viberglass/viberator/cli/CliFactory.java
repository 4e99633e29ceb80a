package io.viberglass.viberator.cli;

import io.viberglass.viberator.cli.client.ClientCommands;
import picocli.CommandLine;

/** Builds commands with their dependencies (constructor injection); anything else picocli makes itself. */
final class CliFactory implements CommandLine.IFactory {
    private final CliEnvironment environment;
    private final ClientCommands clientCommands;

    CliFactory(CliEnvironment environment) {
        this.environment = environment;
        this.clientCommands = new ClientCommands(environment);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == RunCommand.class) {
            return type.cast(new RunCommand(environment));
        }
        if (type == JobCommand.class) {
            return type.cast(new JobCommand(environment));
        }
        if (type == AgentsCommand.class) {
            return type.cast(new AgentsCommand(environment));
        }
        if (type == EgressProxyCommand.class) {
            return type.cast(new EgressProxyCommand(environment));
        }
        if (type == DoctorCommand.class) {
            return type.cast(new DoctorCommand(environment));
        }
        K clientCommand = clientCommands.create(type);
        return clientCommand != null
                ? clientCommand
                : CommandLine.defaultFactory().create(type);
    }
}
