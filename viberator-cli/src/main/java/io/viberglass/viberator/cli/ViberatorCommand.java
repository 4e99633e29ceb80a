package io.viberglass.viberator.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code viberator <subcommand>}. */
@Command(
        name = "viberator",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = "Runs coding agents on a repository and turns their work into pull requests.",
        subcommands = {
            RunCommand.class,
            JobCommand.class,
            AgentsCommand.class,
            DoctorCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:Unexpected internal error.",
            "2:Invalid command line (usage).",
            "3:Invalid configuration or payload.",
            "4:The agent failed (non-zero exit, error reported, killed, refused permissions).",
            "5:The agent CLI is not installed.",
            "6:The agent ran past its time limit.",
            "7:The run was cancelled (platform cancel, SIGTERM, Ctrl-C).",
            "8:Git error: repository unreachable, credential rejected, base branch missing.",
            "9:The push was rejected.",
            "10:The pull/merge request could not be opened.",
            "11:The agent changed nothing; no pull request.",
            "12:The agent did not write RESEARCH.md / PLAN.md.",
            "13:The platform could not be reached to fetch the payload."
        })
public final class ViberatorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
