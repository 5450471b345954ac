package io.lode.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Tasks through the gateway: submit (waiting for the verified answer, or watching its event stream) and show. */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = "Submit a task, list yours, show, cancel one or dispute its answer.",
        subcommands = {TaskCommand.Submit.class, TaskCommand.ListTasks.class, TaskCommand.Show.class,
                TaskCommand.Cancel.class, TaskCommand.Dispute.class})
final class TaskCommand {

    /** Options every task subcommand shares. */
    static class Common {
        @CommandLine.Mixin
        GatewayOptions gateway;

        @Option(names = "--api-key", required = true,
                description = "The account's API key (env LODE_API_KEY, config file api-key=).")
        String apiKey;

        @Option(names = "--json", description = "Print the task as JSON instead of its answer.")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(gateway.url + path)).header("Authorization", "Bearer " + apiKey);
        }

        /**
         * Prints the task's answer (or all of it with --json); 0 if COMPLETED or HELD (answered, its payment held for
         * review: how to dispute it goes to stderr), 1 otherwise.
         */
        int report(JsonNode task) {
            PrintWriter out = spec.commandLine().getOut();
            boolean held = task.path("status").asText().equals("HELD");
            boolean completed = held || task.path("status").asText().equals("COMPLETED");
            if (json) {
                out.println(task.toPrettyString());
            } else if (completed) {
                out.println(task.at("/result/output").asText());
                if (held) {
                    spec.commandLine().getErr().println("payment held for review until "
                            + task.at("/hold/until").asText() + "; if the answer is wrong: lode task dispute "
                            + task.path("taskId").asText());
                }
            } else {
                spec.commandLine().getErr().println(task.path("status").asText() + ": " + task.path("reason").asText());
            }
            return completed ? 0 : 1;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submit a task and print its verified answer (exit 0), or why it failed (exit 1).")
    static final class Submit extends Common implements Callable<Integer> {
        @Parameters(arity = "1..*", description = "The task, in plain language.")
        List<String> words;

        @Option(names = "--skill", description = "Only agents offering this skill (id or tag).")
        String skill;

        @Option(names = "--max-price", description = "Most the consumer pays one agent, in micro-units.")
        Long maxPrice;

        @Option(names = "--redundancy", description = "Agents that answer independently (1-5).")
        Integer redundancy;

        @Option(names = "--deadline-ms", description = "Deadline in milliseconds.")
        Long deadlineMs;

        @Option(names = "--watch", description = "Print the task's events as they happen, then its answer.")
        boolean watch;

        @Override
        public Integer call() throws Exception {
            ObjectNode task = Http.JSON.createObjectNode().put("input", String.join(" ", words));
            if (skill != null) {
                task.put("skill", skill);
            }
            if (maxPrice != null) {
                task.put("maxPrice", maxPrice);
            }
            if (redundancy != null) {
                task.put("redundancy", redundancy);
            }
            if (deadlineMs != null) {
                task.put("deadlineMs", deadlineMs);
            }
            HttpRequest submit = request(watch ? "/v1/tasks" : "/v1/tasks?wait=verified")
                    .timeout(Duration.ofMinutes(3)).header("content-type", "application/json")
                    // one key for every send of this submission: a resend after a 429/503 cannot make a second task
                    .header("Idempotency-Key", java.util.UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(task.toString())).build();
            JsonNode submitted = Http.json(Http.send(submit), watch ? 202 : 200);
            if (!watch) {
                return report(submitted);
            }
            String taskId = submitted.path("taskId").asText();
            HttpResponse<Stream<String>> events = Http.CLIENT.send(request("/v1/tasks/" + taskId + "/events")
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            PrintWriter out = spec.commandLine().getErr();
            String id = "";
            String name = "";
            for (String line : (Iterable<String>) events.body()::iterator) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    out.printf("%4s %-14s %s%n", id, name, line.substring(5).strip());
                    out.flush();
                }
            }
            return report(Http.json(Http.send(request("/v1/tasks/" + taskId).build()), 200));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List your tasks, newest first: id, status, verdict, charge and the start of the input.")
    static final class ListTasks extends Common implements Callable<Integer> {
        @Option(names = "--status", description = "Only tasks in this state (e.g. COMPLETED, FAILED, HELD).")
        String status;

        @Option(names = "--skill", description = "Only tasks that named this skill.")
        String skill;

        @CommandLine.Mixin
        PageOptions paging;

        @Override
        public Integer call() throws Exception {
            JsonNode page = Http.json(Http.send(request(Http.withQuery("/v1/tasks", "limit",
                    Integer.toString(paging.limit), "status", status, "skill", skill, "cursor", paging.cursor))
                    .build()), 200);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(page.toPrettyString());
                return 0;
            }
            for (JsonNode task : page.path("items")) {
                String input = task.path("input").asText().replaceAll("\\s+", " ");
                out.printf("%-36s %-15s %-12s %10s  %s%n", task.path("taskId").asText(), task.path("status").asText(),
                        task.at("/verdict/verdict").asText("-"), task.at("/fee/charged").asText("-"),
                        input.length() <= 60 ? input : input.substring(0, 60) + "…");
            }
            PageOptions.printMore(spec, page, "lode task list");
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Cancel a task that has no answer yet; its escrow is refunded.")
    static final class Cancel extends Common implements Callable<Integer> {
        @Parameters(index = "0", description = "The task id.")
        String taskId;

        @Override
        public Integer call() throws Exception {
            JsonNode task = Http.json(Http.send(request("/v1/tasks/" + taskId + "/cancel")
                    .POST(HttpRequest.BodyPublishers.noBody()).build()), 200);
            spec.commandLine().getOut().println(json ? task.toPrettyString()
                    : taskId + " " + task.path("status").asText() + " (refunded once the ledger settles it)");
            return 0;
        }
    }

    @Command(name = "dispute", mixinStandardHelpOptions = true,
            description = "Dispute a held answer (status HELD) before its hold ends: a panel of judges reviews it, and "
                    + "a FAIL refunds you. Prints the task as it is then.")
    static final class Dispute extends Common implements Callable<Integer> {
        @Parameters(index = "0", description = "The task id.")
        String taskId;

        @Option(names = "--reason", description = "Why the answer is wrong (at most 500 characters).")
        String reason;

        @Override
        public Integer call() throws Exception {
            ObjectNode body = Http.JSON.createObjectNode();
            if (reason != null) {
                body.put("reason", reason);
            }
            JsonNode task = Http.json(Http.send(request("/v1/tasks/" + taskId + "/dispute")
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build()), 202);
            spec.commandLine().getOut().println(json ? task.toPrettyString()
                    : "disputed: a panel will review task " + taskId + " (lode task show " + taskId + ")");
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a task as JSON: state, answer, verdict, fee, attempts.")
    static final class Show extends Common implements Callable<Integer> {
        @Parameters(index = "0", description = "The task id.")
        String taskId;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(Http.json(Http.send(request("/v1/tasks/" + taskId).build()), 200).toPrettyString());
            return 0;
        }
    }
}
