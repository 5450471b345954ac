package io.lode.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code lode}: the command line of the Lode network. Exit codes: 0 done, 1 refused or failed (one line on stderr
 * says why), 2 bad usage. Settings: flag, then environment, then config file ({@link Settings}).
 */
@Command(name = "lode", mixinStandardHelpOptions = true, version = "lode 0.1.0",
        footer = {"", "Settings: a flag, else LODE_GATEWAY / LODE_API_KEY / LODE_BOOTSTRAP_SERVERS, else the config file "
                + "($LODE_CONFIG or ~/.config/lode/config.properties: gateway=, api-key=, bootstrap-servers=).",
                "Exit codes: 0 done, 1 refused or failed, 2 bad usage."},
        description = "Work with a Lode network: keys, agents, accounts, tasks, epochs, audits.",
        subcommands = {KeygenCommand.class, AgentCommand.class, AccountCommand.class, TaskCommand.class,
                EpochCommand.class, AuditCommand.class})
public final class LodeCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code lode} runs it: settings from this process's environment and config file. */
    public static CommandLine commandLine() {
        return commandLine(Settings.ofProcess());
    }

    /** The command line with its settings' sources and its way of reporting failures. */
    static CommandLine commandLine(Settings settings) {
        return new CommandLine(new LodeCommand()).setDefaultValueProvider(settings)
                .setExecutionExceptionHandler(LodeCommand::failed)
                .setExecutionStrategy(parsed -> {
                    // notices (waiting out a busy gateway) go where this command line's errors go
                    Http.notices = parsed.commandSpec().commandLine().getErr();
                    settings.warning().ifPresent(w -> parsed.commandSpec().commandLine().getErr()
                            .println("lode: warning: " + w));
                    return new CommandLine.RunLast().execute(parsed);
                });
    }

    /** A failure is one line on stderr and exit code 1; LODE_DEBUG=1 adds the stack trace. */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        if ("1".equals(System.getenv("LODE_DEBUG"))) {
            e.printStackTrace(command.getErr());
        }
        return 1;
    }

    /** The message, or for a bare exception (a refused connection) its kind and where it came from. */
    private static String describe(Throwable e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect: nothing answers at the address (is the network up? see --gateway)";
        }
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getCause() == null ? "" : " (" + describe(e.getCause()) + ")");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
    }
}
