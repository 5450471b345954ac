package io.lode.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.events.merkle.InclusionProof;
import io.lode.identity.AgentReadProofs;
import io.lode.identity.KeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Epoch summaries and offline verification of balance proofs. */
@Command(name = "epoch", mixinStandardHelpOptions = true, description = "Show epochs; verify balance proofs.",
        subcommands = {EpochCommand.Show.class, EpochCommand.Verify.class})
final class EpochCommand {

    static JsonNode get(String url) throws IOException, InterruptedException {
        return get(url, new String[0]);
    }

    /** GET with extra headers, given as name, value, name, value… */
    static JsonNode get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return Http.json(Http.send(request.build()), 200);
    }

    /** What proves the caller may read {@code path}: the account's API key, or a proof signed with its agent key. */
    static String[] reader(String apiKey, Path agentKey, String path) throws IOException {
        if (agentKey != null) {
            return new String[] {AgentReadProofs.HEADER, AgentReadProofs.sign(KeyFile.read(agentKey), "GET", path,
                    java.time.Instant.now())};
        }
        return apiKey == null ? new String[0] : new String[] {"Authorization", "Bearer " + apiKey};
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an epoch (default: the latest).")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--epoch", description = "Epoch number; the latest when left out.")
        Long epoch;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(get(gateway.url + "/v1/epochs/" + (epoch == null ? "latest" : epoch))
                    .toPrettyString());
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a balance's inclusion proof against an epoch's published Merkle root. Offline with "
                    + "--proof FILE --root HEX; otherwise both are fetched from the gateway.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--epoch", description = "Epoch number (online mode).")
        Long epoch;

        @Option(names = "--account", description = "Account id (online mode).")
        String account;

        @Option(names = "--api-key", description = "Online mode: the account's API key (a proof is its owner's to "
                + "fetch; env LODE_API_KEY, config file api-key=).")
        String apiKey;

        @Option(names = "--key", description = "Online mode, for an agent's account: the agent's key file; the request "
                + "is signed with it instead of an API key.")
        Path agentKey;

        @Option(names = "--proof", description = "Proof JSON file as served by /v1/epochs/{n}/proofs/{account}.")
        Path proofFile;

        @Option(names = "--root", description = "The epoch's published merkleRoot (hex).")
        String root;

        @Option(names = "--json", description = "Print {valid, accountId, balance, epoch, root} as JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            InclusionProof proof;
            String publishedRoot = root;
            if (proofFile != null) {
                if (publishedRoot == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--proof needs --root");
                }
                proof = Http.JSON.readValue(Files.readString(proofFile), InclusionProof.class);
            } else {
                if (epoch == null || account == null) {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                            "give --epoch and --account, or --proof and --root");
                }
                String path = "/v1/epochs/" + epoch + "/proofs/" + account;
                proof = Http.JSON.treeToValue(get(gateway.url + path, reader(apiKey, agentKey, path)),
                        InclusionProof.class);
                if (publishedRoot == null) {
                    publishedRoot = get(gateway.url + "/v1/epochs/" + epoch).path("merkleRoot").asText();
                }
            }
            boolean valid = proof.verifies(publishedRoot);
            if (json) {
                spec.commandLine().getOut().println(Http.JSON.createObjectNode().put("valid", valid)
                        .put("accountId", proof.accountId()).put("balance", proof.balance()).put("epoch", proof.epoch())
                        .put("root", publishedRoot).toString());
                return valid ? 0 : 1;
            }
            (valid ? spec.commandLine().getOut() : spec.commandLine().getErr()).printf(
                    "%s: %s held %d at the close of epoch %d (root %s)%n", valid ? "VALID" : "INVALID",
                    proof.accountId(), proof.balance(), proof.epoch(), publishedRoot);
            return valid ? 0 : 1;
        }
    }
}
