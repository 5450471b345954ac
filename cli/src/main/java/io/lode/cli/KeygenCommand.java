package io.lode.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.KeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Creates an agent key pair; the agent id follows from the public key. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create an Ed25519 key file for an agent.")
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Key file to write (kept private: mode 600).")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing key file.")
    boolean force;

    @Option(names = "--json", description = "Print {agentId, keyFile} as JSON instead of the agent id.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !force) {
            spec.commandLine().getErr().println("error: " + out + " exists; pass --force to replace it");
            return 1;
        }
        KeyPair keys = AgentKeys.generate();
        KeyFile.write(out, keys);
        String agentId = AgentId.of(keys.getPublic());
        spec.commandLine().getOut().println(json ? Http.JSON.createObjectNode().put("agentId", agentId)
                .put("keyFile", out.toAbsolutePath().toString()).toString() : agentId);
        return 0;
    }
}
