package io.lode.gateway.mcp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.gateway.proxy.PublicApi;
import io.lode.gateway.proxy.ReverseProxy;
import io.lode.identity.PublicReceipt;
import io.lode.identity.VerifierKeyring;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

/**
 * The network's MCP tools: what an LLM host needs to use the network — send a task and read the verified answer with
 * its verdict and cost, follow or cancel it, find agents, see the balance, check a receipt. Each is a call of the
 * public API as the caller's account; the API's refusals are tool errors carrying the problem's title and detail.
 */
@Singleton
public class NetworkTools {

    private static final String TASKS = "/v1/tasks";

    private final CurrentVertxRequest current;
    private final PublicApi api;
    private final ReverseProxy proxy;
    private final ObjectMapper json;

    public NetworkTools(CurrentVertxRequest current, PublicApi api, ReverseProxy proxy, ObjectMapper json) {
        this.current = current;
        this.api = api;
        this.proxy = proxy;
        this.json = json;
    }

    @Tool(name = "submit_task", description = "Send a task to the Lode network of agents, in plain language. The "
            + "network routes it to the agent best able to do it, verifies the answer and charges only for verified "
            + "work. Returns the answer with its verdict (method, score, evidence, the verifier's signed receipt) and "
            + "the cost in micro-units; with wait=false, the task id at once (then use get_task).")
    Uni<ToolResponse> submitTask(
            @ToolArg(description = "what you want done, as you would ask a person") String input,
            @ToolArg(description = "a skill id to route to (see search_agents); omit to let the network choose",
                    required = false) String skill,
            @ToolArg(description = "the most you will pay, in micro-units (1 credit = 1,000,000)", required = false)
            Long maxPrice,
            @ToolArg(description = "how many agents answer independently, 1-5 (the answers are cross-checked)",
                    required = false) Integer redundancy,
            @ToolArg(description = "agent ids (agt_…) not to send it to, e.g. to ask another agent than last time",
                    required = false) List<String> excludeAgents,
            @ToolArg(description = "wait for the verified answer (true) or return the task id at once (false)",
                    required = false, defaultValue = "true") boolean wait) {
        RoutingContext ctx = current.getCurrent();
        String accountId = McpAccess.accountOf(ctx);
        ObjectNode body = json.createObjectNode().put("input", input);
        if (skill != null && !skill.isBlank()) {
            body.put("skill", skill);
        }
        if (maxPrice != null) {
            body.put("maxPrice", maxPrice);
        }
        if (redundancy != null) {
            body.put("redundancy", redundancy);
        }
        if (excludeAgents != null && !excludeAgents.isEmpty()) {
            excludeAgents.forEach(body.putArray("excludeAgents")::add);
        }
        return answer(proxy.countSubmission(ctx, accountId).compose(allowed -> allowed
                ? api.call(ctx, TASKS, HttpMethod.POST, TASKS + (wait ? "?wait=verified" : ""), accountId, Map.of(),
                        body, wait)
                : Future.failedFuture(new ToolError("Daily task quota used up: this account may submit no more "
                        + "tasks today (UTC)"))), this::taskResponse);
    }

    @Tool(name = "get_task", description = "A task's state, answer, verdict and cost, by its id (tsk_…); only your own "
            + "tasks.")
    Uni<ToolResponse> getTask(@ToolArg(description = "the task id, tsk_…") String taskId) {
        RoutingContext ctx = current.getCurrent();
        return answer(api.call(ctx, TASKS, HttpMethod.GET, TASKS + "/" + id(taskId), McpAccess.accountOf(ctx),
                Map.of(), null, false), this::taskResponse);
    }

    @Tool(name = "cancel_task", description = "Cancel a task that has no answer yet; its escrow is refunded. A task "
            + "with an answer cannot be canceled.")
    Uni<ToolResponse> cancelTask(@ToolArg(description = "the task id, tsk_…") String taskId) {
        RoutingContext ctx = current.getCurrent();
        return answer(api.call(ctx, TASKS, HttpMethod.POST, TASKS + "/" + id(taskId) + "/cancel",
                McpAccess.accountOf(ctx), Map.of(), null, false), this::taskResponse);
    }

    @Tool(name = "search_agents", description = "Find agents of the network by what they do (ranked by meaning) and "
            + "filters: each with its id, status, price, exam score and skills.")
    Uni<ToolResponse> searchAgents(
            @ToolArg(description = "what the agent should do, in words", required = false) String query,
            @ToolArg(description = "a skill id the agent must have", required = false) String skill,
            @ToolArg(description = "the highest price, in micro-units", required = false) Long maxPrice,
            @ToolArg(description = "how many, 1-50", required = false, defaultValue = "10") int limit) {
        RoutingContext ctx = current.getCurrent();
        StringBuilder uri = new StringBuilder("/v1/agents?status=ACTIVE&limit=").append(Math.max(1, Math.min(50, limit)));
        if (query != null && !query.isBlank()) {
            uri.append("&q=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
        }
        if (skill != null && !skill.isBlank()) {
            uri.append("&skill=").append(URLEncoder.encode(skill, StandardCharsets.UTF_8));
        }
        if (maxPrice != null) {
            uri.append("&maxPrice=").append(maxPrice);
        }
        return answer(api.call(ctx, "/v1/agents", HttpMethod.GET, uri.toString(), McpAccess.accountOf(ctx), Map.of(),
                null, false), page -> {
            List<String> lines = new ArrayList<>();
            for (JsonNode agent : page.path("items")) {
                List<String> skills = new ArrayList<>();
                agent.path("skills").forEach(s -> skills.add(s.path("id").asText()));
                lines.add(agent.path("agentId").asText() + "  " + agent.path("name").asText() + "  price "
                        + agent.path("price").asLong() + "  score " + agent.path("examScore").asText("-")
                        + "  skills " + String.join(",", skills));
            }
            return new ToolResponse(false, List.of(new TextContent(lines.isEmpty() ? "no agent matches"
                    : String.join("\n", lines))), page, null);
        });
    }

    @Tool(name = "get_balance", description = "Your account's balance in micro-units: available, held in escrow for "
            + "tasks under way, and unvested.")
    Uni<ToolResponse> getBalance() {
        RoutingContext ctx = current.getCurrent();
        String accountId = McpAccess.accountOf(ctx);
        return answer(api.call(ctx, "/v1/ledger", HttpMethod.GET, "/v1/ledger/accounts/" + accountId, accountId,
                Map.of(), null, false), balance -> new ToolResponse(false, List.of(new TextContent("account "
                + accountId + ": available " + balance.path("available").asLong() + ", escrowed "
                + balance.path("escrowed").asLong() + ", unvested " + balance.path("unvested").asLong()
                + " (micro-units)")), balance, null));
    }

    @Tool(name = "verify_receipt", description = "Check a verdict's receipt against the verifier's published keys: "
            + "that the verifier issued this verdict on this answer and nobody altered it. Give a task id (its "
            + "verdict's receipt is checked, and that it names the task's agent and verdict) or a receipt's JSON.")
    Uni<ToolResponse> verifyReceipt(
            @ToolArg(description = "a task id, tsk_…", required = false) String taskId,
            @ToolArg(description = "a receipt as JSON (the verdict.receipt of a task)", required = false)
            String receipt) {
        RoutingContext ctx = current.getCurrent();
        String accountId = McpAccess.accountOf(ctx);
        if ((taskId == null || taskId.isBlank()) == (receipt == null || receipt.isBlank())) {
            return Uni.createFrom().item(ToolResponse.error("give either taskId or receipt"));
        }
        Future<Optional<JsonNode>> task = taskId == null || taskId.isBlank() ? Future.succeededFuture(Optional.empty())
                : api.call(ctx, TASKS, HttpMethod.GET, TASKS + "/" + id(taskId), accountId, Map.of(), null, false)
                .map(Optional::of);
        Future<JsonNode> keys = api.call(ctx, "/v1/verifier", HttpMethod.GET, "/v1/verifier/keys", null, Map.of(),
                null, false);
        return answer(Future.all(task, keys).map(both -> {
            Optional<JsonNode> judged = task.result();
            JsonNode given;
            if (judged.isPresent()) {
                given = judged.get().at("/verdict/receipt");
                if (given.isMissingNode()) {
                    throw new ToolError("task " + taskId + " has no verdict receipt yet");
                }
            } else {
                try {
                    given = json.readTree(receipt);
                } catch (java.io.IOException e) {
                    throw new ToolError("the receipt is not JSON");
                }
            }
            PublicReceipt parsed;
            try {
                parsed = PublicReceipt.parse(given);
            } catch (IllegalArgumentException e) {
                throw new ToolError(e.getMessage());
            }
            Optional<String> problem = parsed.problem(VerifierKeyring.parse(keys.result().toString()));
            if (problem.isEmpty() && judged.isPresent()) {
                problem = mismatch(parsed, judged.get());
            }
            return problem;
        }), problem -> problem.isPresent() ? ToolResponse.error("NOT VALID: " + problem.get())
                : ToolResponse.success("VALID: the verifier signed this verdict and nothing in it was altered"));
    }

    /** A valid receipt of another verdict than the one the task shows. */
    private static Optional<String> mismatch(PublicReceipt receipt, JsonNode task) {
        String agent = task.at("/result/agentId").asText();
        if (!receipt.agentId().equals(agent)) {
            return Optional.of("the receipt names agent " + receipt.agentId() + ", the task's answer is " + agent + "'s");
        }
        if (!receipt.verdict().equals(task.at("/verdict/verdict").asText())) {
            return Optional.of("the receipt says " + receipt.verdict() + ", the task shows "
                    + task.at("/verdict/verdict").asText());
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ answers

    /** The task for a person: the answer first, then the verdict and what it cost, the whole task as structured data. */
    private ToolResponse taskResponse(JsonNode task) {
        String status = task.path("status").asText();
        StringBuilder text = new StringBuilder();
        JsonNode result = task.path("result");
        boolean failed = status.equals("FAILED") || status.equals("EXPIRED");
        if (result.hasNonNull("output") && !failed) {
            text.append(result.path("output").asText()).append("\n\n");
        }
        text.append("task ").append(task.path("taskId").asText()).append(": ").append(status);
        if (failed || status.equals("CANCELED")) {
            text.append(" (").append(task.path("reason").asText(status.toLowerCase(Locale.ROOT))).append(")");
        }
        JsonNode verdict = task.path("verdict");
        if (verdict.hasNonNull("verdict")) {
            text.append("\nverdict ").append(verdict.path("verdict").asText()).append(" by ")
                    .append(verdict.path("method").asText()).append(String.format(Locale.ROOT, " (score %.2f)",
                            verdict.path("score").asDouble()));
            if (verdict.hasNonNull("evidence")) {
                text.append(": ").append(verdict.path("evidence").asText());
            }
        }
        if (result.hasNonNull("agentId")) {
            text.append("\nanswered by ").append(result.path("agentId").asText());
        }
        JsonNode fee = task.path("fee");
        if (fee.isObject()) {
            text.append("\ncost: charged ").append(fee.path("charged").asLong(0));
            if (fee.hasNonNull("paidToAgent")) {
                text.append(", paid to the agent ").append(fee.path("paidToAgent").asLong());
            }
            if (fee.hasNonNull("protocolFee")) {
                text.append(", protocol fee ").append(fee.path("protocolFee").asLong());
            }
            if (fee.hasNonNull("refunded")) {
                text.append(", refunded ").append(fee.path("refunded").asLong());
            }
            text.append(" (micro-units)");
        }
        if (status.equals("HELD")) {
            text.append("\nthe fee is held for review until ").append(task.at("/hold/until").asText());
        }
        return new ToolResponse(failed, List.of(new TextContent(text.toString())), task, null);
    }

    /**
     * The tool's answer once {@code call} is done; the API's refusal (or a {@link ToolError}) as a tool error with the
     * problem's title and detail, which the model can read and act on.
     */
    private <T> Uni<ToolResponse> answer(Future<T> call, java.util.function.Function<T, ToolResponse> done) {
        return Uni.createFrom().completionStage(call.map(done::apply).toCompletionStage()).onFailure()
                .recoverWithItem(error -> {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (cause instanceof PublicApi.ApiProblem refused) {
                        return ToolResponse.error(refused.getMessage() + " (" + refused.status() + ", "
                                + refused.problem().path("type").asText() + ")");
                    }
                    if (cause instanceof ToolError || cause instanceof IllegalArgumentException) {
                        return ToolResponse.error(cause.getMessage());
                    }
                    io.quarkus.logging.Log.warnf("MCP tool call failed: %s", cause.toString());
                    return ToolResponse.error("the network could not be reached: " + cause.getMessage());
                });
    }

    /**
     * A task id as a path segment: the API's own ids only, so no caller text becomes a path (a ToolCallException is
     * the tool error the model reads).
     */
    private static String id(String taskId) {
        if (!PublicApi.isTaskId(taskId)) {
            throw new ToolCallException("not a task id: " + taskId + " (task ids look like tsk_0123abcd…)");
        }
        return taskId;
    }

    /** A refusal of the tool's own. */
    private static final class ToolError extends RuntimeException {
        ToolError(String message) {
            super(message);
        }
    }
}
