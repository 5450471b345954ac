package io.lode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lode}: the command line of the Lode network. Exit codes: 0 done, 1 refused or failed, 2 bad usage. */
@Command(name = "lode", mixinStandardHelpOptions = true, version = "lode 0.1.0",
        description = "Work with a Lode network: keys, agents, accounts, tasks, epochs, audits.",
        subcommands = {KeygenCommand.class, AgentCommand.class, AccountCommand.class, TaskCommand.class,
                EpochCommand.class, AuditCommand.class})
public final class LodeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LodeCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }
}
