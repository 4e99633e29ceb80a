package io.viberglass.viberator.cli;

import io.viberglass.viberator.cli.client.LoginCommand;
import io.viberglass.viberator.cli.client.LogsCommand;
import io.viberglass.viberator.cli.client.PlanCommand;
import io.viberglass.viberator.cli.client.ProjectsCommand;
import io.viberglass.viberator.cli.client.RunsCommand;
import io.viberglass.viberator.cli.client.SessionsCommand;
import io.viberglass.viberator.cli.client.TicketsCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code viberator <subcommand>}. */
@Command(
        name = "viberator",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersion.class,
        description = {
            "Runs coding agents on a repository and turns their work into pull requests, standalone (run) or for a "
                    + "Viberglass platform (job); and is the platform's client for developers and CI pipelines "
                    + "(login, projects, tickets, plan, runs, logs)."
        },
        subcommands = {
            RunCommand.class,
            JobCommand.class,
            AgentsCommand.class,
            DoctorCommand.class,
            LoginCommand.class,
            ProjectsCommand.class,
            TicketsCommand.class,
            PlanCommand.class,
            RunsCommand.class,
            LogsCommand.class,
            SessionsCommand.class,
            EgressProxyCommand.class,
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
            "6:The agent ran past its time limit, or a --wait ran past its --timeout.",
            "7:The run was cancelled (platform cancel, SIGTERM, Ctrl-C).",
            "8:Git error: repository unreachable, credential rejected, base branch missing.",
            "9:The push was rejected.",
            "10:The pull/merge request could not be opened.",
            "11:The agent changed nothing; no pull request.",
            "12:The agent did not write RESEARCH.md / PLAN.md.",
            "13:The platform could not be reached.",
            "14:The platform run failed.",
            "15:The run needs an approved plan first.",
            "16:Not logged in, or the platform refused the API token.",
            "17:No such project, ticket, run or clanker.",
            "18:The platform refused the request (a workflow rule or an invalid field)."
        })
public final class ViberatorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
