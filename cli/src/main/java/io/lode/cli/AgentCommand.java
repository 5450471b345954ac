package io.lode.cli;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.a2a.A2aMessages;
import io.lode.a2a.AgentInterface;
import io.lode.agents.registration.AgentRegistration;
import io.lode.identity.AgentId;
import io.lode.identity.AgentReadProofs;
import io.lode.identity.KeyFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Agent registration and status through the gateway; each subcommand prints the registry's JSON answer. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Register, update, renew or deregister an agent, show its status or balance, search agents, or "
                + "dry-run its exam.",
        subcommands = {AgentCommand.Register.class, AgentCommand.Update.class, AgentCommand.Renew.class,
                AgentCommand.Deregister.class, AgentCommand.Status.class, AgentCommand.Balance.class,
                AgentCommand.Search.class, AgentCommand.Check.class})
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
            return print(Http.send(HttpRequest.newBuilder(URI.create(gateway.url + path))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build()));
        }

        int print(HttpResponse<String> response) {
            return AccountCommand.print(spec, response);
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Dry-run the exam of the agent whose card is served at --card-url: which exam each skill "
                    + "would get and why, with sample questions sent to the agent and checked. Nothing is registered, "
                    + "stored or paid; exit 1 if a checkable sample failed.")
    static final class Check implements Callable<Integer> {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--card-url", required = true, description = "URL of the agent card (/.well-known/agent-card.json).")
        String cardUrl;

        @Option(names = "--call-timeout", defaultValue = "30", description = "Seconds to wait for each answer (default ${DEFAULT-VALUE}).")
        long callTimeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            JsonNode card = Http.json(Http.send(HttpRequest.newBuilder(URI.create(cardUrl))
                    .timeout(Duration.ofSeconds(30)).GET().build()), 200);
            AgentInterface agent = AgentInterface.of(card).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "the card names no JSON-RPC interface (supportedInterfaces or url)"));
            JsonNode plan = Http.json(post("/v1/verifier/exam-preview", card.toString()), 200);
            int checked = 0;
            int passed = 0;
            long requestId = 1;
            for (JsonNode skill : plan.path("skills")) {
                out.println("skill " + skill.path("skill").asText() + ": " + skill.path("exam").asText() + " exam — "
                        + skill.path("reason").asText());
                for (JsonNode question : skill.path("questions")) {
                    String answer = ask(agent, question, requestId++);
                    if (!question.path("checkable").asBoolean()) {
                        out.println("  panel  " + abbreviate(question.path("input").asText()) + " → "
                                + abbreviate(answer) + " (judges score this at registration)");
                        continue;
                    }
                    ObjectNode check = Http.JSON.createObjectNode();
                    check.set("question", question);
                    check.put("output", answer);
                    JsonNode verdict = Http.json(post("/v1/verifier/exam-preview/check", check.toString()), 200);
                    checked++;
                    if (verdict.path("verdict").asText().equals("PASS")) {
                        passed++;
                    }
                    java.util.List<String> evidence = new java.util.ArrayList<>();
                    verdict.path("evidence").forEach(e -> evidence.add(e.asText()));
                    out.println("  " + verdict.path("verdict").asText() + "  " + abbreviate(question.path("input")
                            .asText()) + " → " + abbreviate(answer) + " (" + String.join("; ", evidence) + ")");
                }
            }
            out.println(passed + " of " + checked + " checkable sample questions passed (a registration draws new "
                    + "ones; its pass mark is the exam's)");
            return passed == checked ? 0 : 1;
        }

        /** The agent's answer to a sample question, or why it gave none. */
        private String ask(AgentInterface agent, JsonNode question, long requestId) {
            try {
                JsonNode data = question.hasNonNull("data") ? Http.JSON.readTree(question.get("data").asText()) : null;
                ObjectNode message = A2aMessages.sendMessage(agent.protocolVersion(), false, requestId,
                        question.path("input").asText(), data);
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent.url()))
                        .timeout(Duration.ofSeconds(callTimeout)).header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
                if (!A2aMessages.isLegacy(agent.protocolVersion())) {
                    request.header("A2A-Version", agent.protocolVersion());
                }
                HttpResponse<String> reply = Http.send(request.build());
                return A2aMessages.answerText(Http.json(reply, 200));
            } catch (java.io.IOException | A2aMessages.A2aException | IllegalArgumentException e) {
                return "(no answer: " + e.getMessage() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(no answer: interrupted)";
            }
        }

        private HttpResponse<String> post(String path, String body) throws Exception {
            return Http.send(HttpRequest.newBuilder(URI.create(gateway.url + path))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        }

        private static String abbreviate(String text) {
            String line = text.replaceAll("\\s+", " ").strip();
            return line.length() <= 70 ? line : line.substring(0, 67) + "...";
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register the agent whose card is served at --card-url, signed with --key.")
    static final class Register extends Common implements Callable<Integer> {
        @Option(names = "--card-url", required = true, description = "URL of the agent card (/.well-known/agent-card.json).")
        String cardUrl;

        @Option(names = "--price", defaultValue = "1000", description = "Price per task in micro-units (default ${DEFAULT-VALUE}).")
        long price;

        @Option(names = "--wait", description = "Wait for the exam's outcome: ACTIVE exits 0, REJECTED exits 1 with "
                + "its reasons (each status change on stderr).")
        boolean await;

        @Option(names = "--timeout", defaultValue = "180", description = "Seconds --wait waits at most "
                + "(default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            int exit = send("POST", "/v1/agents", AgentRegistration.signedBody(KeyFile.read(key), cardUrl, price));
            return exit != 0 || !await ? exit : awaitExam();
        }

        /** Polls the agent's page (every second, then up to every 5 s) until its exam has decided. */
        private int awaitExam() throws Exception {
            java.io.PrintWriter err = spec.commandLine().getErr();
            java.time.Instant giveUp = java.time.Instant.now().plusSeconds(timeoutSeconds);
            String seen = "";
            long pause = 1_000;
            while (true) {
                JsonNode page = Http.json(Http.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/agents/"
                        + agentId())).timeout(Duration.ofSeconds(30)).build()), 200);
                String status = page.path("status").asText();
                if (!status.equals(seen)) {
                    err.println("agent " + agentId() + ": " + status);
                    seen = status;
                }
                if (!status.equals("PENDING")) {
                    spec.commandLine().getOut().println(page.toPrettyString());
                    if (!status.equals("ACTIVE")) {
                        java.util.List<String> reasons = new java.util.ArrayList<>();
                        page.path("reasons").forEach(reason -> reasons.add(reason.asText()));
                        err.println("not admitted: " + (reasons.isEmpty() ? status : String.join("; ", reasons)));
                    }
                    return status.equals("ACTIVE") ? 0 : 1;
                }
                if (java.time.Instant.now().plusMillis(pause).isAfter(giveUp)) {
                    err.println("still PENDING after " + timeoutSeconds + " s: lode agent status shows its exam later");
                    return 1;
                }
                java.util.concurrent.CompletableFuture.runAsync(() -> { },
                        java.util.concurrent.CompletableFuture.delayedExecutor(pause,
                                java.util.concurrent.TimeUnit.MILLISECONDS)).join();
                pause = Math.min(5_000, pause * 2);
            }
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

    @Command(name = "balance", mixinStandardHelpOptions = true,
            description = "Show the agent's ledger account (available, escrowed, unvested), asked for with its key.")
    static final class Balance extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            String path = "/v1/ledger/accounts/" + agentId();
            // a private read: proven to come from the agent's key holder (X-Lode-Agent-Proof), good for a minute
            return print(Http.send(HttpRequest.newBuilder(URI.create(gateway.url + path))
                    .timeout(Duration.ofSeconds(30)).header(AgentReadProofs.HEADER,
                            AgentReadProofs.sign(KeyFile.read(key), "GET", path, java.time.Instant.now())).build()));
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search agents by meaning (what you would ask them) and filters; one line an agent.")
    static final class Search implements Callable<Integer> {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @CommandLine.Parameters(arity = "0..*", description = "What the agent should do, in plain words.")
        java.util.List<String> words;

        @Option(names = "--skill", description = "Only agents offering this skill (id or tag).")
        String skill;

        @Option(names = "--status", description = "Only agents in this state (ACTIVE, PENDING, SUSPENDED, ...).")
        String status;

        @Option(names = "--max-price", description = "Only agents asking at most this, in micro-units.")
        Long maxPrice;

        @CommandLine.Mixin
        PageOptions page;

        @Option(names = "--json", description = "Print the answer as JSON.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            String query = Http.withQuery("/v1/agents", "limit", Integer.toString(page.limit),
                    "q", words == null || words.isEmpty() ? null : String.join(" ", words), "skill", skill,
                    "status", status, "maxPrice", maxPrice == null ? null : maxPrice.toString(), "cursor", page.cursor);
            JsonNode found = Http.json(Http.send(HttpRequest.newBuilder(URI.create(gateway.url + query))
                    .timeout(Duration.ofSeconds(30)).build()), 200);
            java.io.PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(found.toPrettyString());
                return 0;
            }
            for (JsonNode agent : found.path("items")) { // each agent's fields beside its score
                java.util.List<String> skills = new java.util.ArrayList<>();
                agent.path("skills").forEach(s -> skills.add(s.path("id").asText()));
                out.printf("%-36s %-10s %8s  %-5s %s%s%n", agent.path("agentId").asText(), agent.path("status").asText(),
                        agent.path("price").asText(), agent.hasNonNull("score")
                                ? String.format(java.util.Locale.ROOT, "%.2f", agent.path("score").asDouble()) : "",
                        agent.path("name").asText(), skills.isEmpty() ? "" : " (" + String.join(", ", skills) + ")");
            }
            PageOptions.printMore(spec, found, "lode agent search (the same words and filters)");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the agent's status, exam and price.")
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return print(Http.send(HttpRequest.newBuilder(URI.create(gateway.url + "/v1/agents/" + agentId()))
                    .timeout(Duration.ofSeconds(30)).build()));
        }
    }
}
