package io.lode.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.KeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Agent registration and status through the gateway. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Register an agent or show its status.",
        subcommands = {AgentCommand.Register.class, AgentCommand.Status.class})
final class AgentCommand {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Options every agent subcommand shares. */
    static class Common {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--key", required = true, description = "The agent's key file (lode keygen).")
        Path key;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        int print(HttpResponse<String> response) {
            boolean ok = response.statusCode() / 100 == 2;
            (ok ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(response.body());
            return ok ? 0 : 1;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register the agent whose card is served at --card-url, signed with --key.")
    static final class Register extends Common implements Callable<Integer> {
        @Option(names = "--card-url", required = true, description = "URL of the agent card (/.well-known/agent-card.json).")
        String cardUrl;

        @Option(names = "--price", defaultValue = "1000", description = "Price per task in micro-units (default ${DEFAULT-VALUE}).")
        long price;

        @Override
        public Integer call() throws Exception {
            String body = AgentRegistration.signedBody(KeyFile.read(key), cardUrl, price).toString();
            return print(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/agents"))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the agent's status, exam and price.")
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            String agentId = AgentId.of(KeyFile.read(key).getPublic());
            return print(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/agents/" + agentId))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }
}
