package io.lode.local;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.lode.cli.LodeCommand;

/** {@code lode audit replay} run in this JVM against a local network: its exit code and what it printed. */
record AuditRun(int exitCode, String output, String errors) {

    /**
     * The audit as the network's auditor runs it: as the read-only auditor principal on the broker, and with its
     * token, so balances are compared too.
     */
    static AuditRun replay(LocalNetwork network, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("audit", "replay", "--gateway", network.gatewayUrl(),
                "--kafka-config", network.auditorKafkaConfig().toString(), "--no-progress", "--auditor-token",
                network.auditorToken()));
        args.addAll(List.of(options));
        int exit = LodeCommand.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        return new AuditRun(exit, out.toString(), err.toString());
    }
}
