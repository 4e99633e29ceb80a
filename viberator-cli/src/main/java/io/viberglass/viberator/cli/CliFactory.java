package io.viberglass.viberator.cli;

import picocli.CommandLine;

/** Builds commands with their dependencies (constructor injection); anything else picocli makes itself. */
final class CliFactory implements CommandLine.IFactory {
    private final CliEnvironment environment;

    CliFactory(CliEnvironment environment) {
        this.environment = environment;
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
        if (type == DoctorCommand.class) {
            return type.cast(new DoctorCommand(environment));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
