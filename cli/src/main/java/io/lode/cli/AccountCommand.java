package io.lode.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.lode.identity.KeyFile;
import io.lode.identity.SignedRequests;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Consumer accounts at the gateway. */
@Command(name = "account", mixinStandardHelpOptions = true, description = "Open a consumer account or show its balance.",
        subcommands = {AccountCommand.Create.class, AccountCommand.Balance.class})
final class AccountCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Open an account; prints its id and API key. With --key the opening is signed with that "
                    + "agent key, so the agent's work for this account earns its fee but no emission.")
    static final class Create implements Callable<Integer> {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--key", description = "An agent key file (lode keygen) to tie the account to.")
        Path key;

        @Option(names = "--save", description = "Keep the new API key (and this gateway) in the config file, "
                + "readable by you only (mode 600), so later commands need no --api-key.")
        boolean save;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String body = key == null ? "" : SignedRequests.sign(Http.JSON.createObjectNode()
                    .put("action", "open-account"), KeyFile.read(key), UUID.randomUUID().toString(),
                    Instant.now().plus(Duration.ofMinutes(5))).toString();
            HttpResponse<String> created = Http.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/accounts"))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            int exit = print(spec, created);
            if (exit == 0 && save) {
                Settings settings = (Settings) spec.commandLine().getDefaultValueProvider();
                settings.save("api-key", Http.JSON.readTree(created.body()).path("apiKey").asText());
                settings.save("gateway", gateway.url);
                spec.commandLine().getErr().println("saved the API key to " + settings.path() + " (mode 600)");
            }
            return exit;
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Show the account of an API key.")
    static final class Balance implements Callable<Integer> {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--api-key", required = true,
                description = "The account's API key (env LODE_API_KEY, config file api-key=).")
        String apiKey;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return print(spec, Http.send(HttpRequest.newBuilder(URI.create(gateway.url
                    + "/v1/accounts/me")).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + apiKey)
                    .build()));
        }
    }

    /** Prints the answer: the body to stdout on success; otherwise what went wrong, in words, to stderr. 0 on success. */
    static int print(CommandLine.Model.CommandSpec spec, HttpResponse<String> response) {
        boolean ok = response.statusCode() / 100 == 2;
        if (ok && !response.body().isEmpty()) {
            spec.commandLine().getOut().println(response.body());
        } else if (!ok) {
            spec.commandLine().getErr().println(Http.describe(response));
        }
        return ok ? 0 : 1;
    }
}
