package io.lode.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.KeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Agent registration and status through the gateway; each subcommand prints the registry's JSON answer. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Register, update, renew or deregister an agent, or show its status.",
        subcommands = {AgentCommand.Register.class, AgentCommand.Update.class, AgentCommand.Renew.class,
                AgentCommand.Deregister.class, AgentCommand.Status.class})
final class AgentCommand {

    /** Options every agent subcommand shares. */
    static class Common {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--key", required = true, description = "The agent's key file (lode keygen).")
        Path key;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        String agentId() throws java.io.IOException {
            return AgentId.of(KeyFile.read(key).getPublic());
        }

        /** Sends a signed body to the registry's agent API; prints the answer; 0 on success. */
        int send(String method, String path, ObjectNode body) throws Exception {
            return print(Http.CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url + path))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }

        int print(HttpResponse<String> response) {
            return AccountCommand.print(spec, response);
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
            return send("POST", "/v1/agents", AgentRegistration.signedBody(KeyFile.read(key), cardUrl, price));
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Point the agent at a new card or price; its skills must stay the ones it was examined on.")
    static final class Update extends Common implements Callable<Integer> {
        @Option(names = "--card-url", required = true, description = "URL of the agent card.")
        String cardUrl;

        @Option(names = "--price", required = true, description = "Price per task in micro-units.")
        long price;

        @Override
        public Integer call() throws Exception {
            return send("PUT", "/v1/agents/" + agentId(),
                    AgentRegistration.signedUpdate(KeyFile.read(key), cardUrl, price));
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = "Send the signed heartbeat that keeps the registration from expiring.")
    static final class Renew extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return send("POST", "/v1/agents/" + agentId() + "/renewal",
                    AgentRegistration.signedRenewal(KeyFile.read(key)));
        }
    }

    @Command(name = "deregister", mixinStandardHelpOptions = true,
            description = "Withdraw the agent from the network; it receives no more work.")
    static final class Deregister extends Common implements Callable<Integer> {
        @Option(names = "--json", description = "Print {agentId, deregistered} as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            int exit = send("DELETE", "/v1/agents/" + agentId(),
                    AgentRegistration.signedDeregistration(KeyFile.read(key)));
            if (exit == 0) {
                spec.commandLine().getOut().println(json ? Http.JSON.createObjectNode().put("agentId", agentId())
                        .put("deregistered", true).toString() : agentId() + " deregistered");
            }
            return exit;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the agent's status, exam and price.")
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return print(Http.CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/agents/" + agentId()))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }
}
