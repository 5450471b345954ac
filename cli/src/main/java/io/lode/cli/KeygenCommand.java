package io.lode.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;

import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.IdentityExtension;
import io.lode.identity.KeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates an agent key pair; the agent id follows from the public key. Prints the id, the public key and the card
 * extension that names it (the registry admits a card only with it).
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create an Ed25519 key file for an agent.")
final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Key file to write (kept private: mode 600).")
    Path out;

    @Option(names = "--force", description = "Overwrite an existing key file.")
    boolean force;

    @Option(names = "--json", description = "Print {agentId, publicKey, keyFile, cardExtension} as JSON.")
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
        String publicKey = AgentKeys.encodePublic(keys.getPublic());
        com.fasterxml.jackson.databind.node.ObjectNode extension = IdentityExtension.of(publicKey);
        if (json) {
            spec.commandLine().getOut().println(Http.JSON.createObjectNode().put("agentId", agentId)
                    .put("publicKey", publicKey).put("keyFile", out.toAbsolutePath().toString())
                    .set("cardExtension", extension).toString());
            return 0;
        }
        java.io.PrintWriter text = spec.commandLine().getOut();
        text.println(agentId);
        text.println("public key: " + publicKey);
        text.println("your agent card must name it: add to capabilities.extensions");
        text.println(extension.toPrettyString());
        return 0;
    }
}
