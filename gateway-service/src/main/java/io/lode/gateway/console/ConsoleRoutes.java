package io.lode.gateway.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.gateway.a2a.ContextStore;
import io.lode.gateway.account.AccountOpening;
import io.lode.gateway.account.ApiKeyCheck;
import io.lode.gateway.account.ApiKeys;
import io.lode.gateway.console.ConsoleSessions.Session;
import io.lode.gateway.edge.ClientAddresses;
import io.lode.gateway.proxy.PublicApi;
import io.lode.gateway.proxy.PublicApi.ApiProblem;
import io.lode.gateway.proxy.ReverseProxy;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.logging.Log;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The web console at {@code /console/}: chat, the explorer (agents, epochs, the caller's ledger) and the network
 * view, rendered on the server; the page script only streams answers and checks receipts and proofs. Every page
 * reads the public API as the signed-in account ({@link PublicApi}), so the console can show or do nothing the
 * account's API key could not.
 */
@ApplicationScoped
public class ConsoleRoutes {

    private static final String TASKS = "/v1/tasks";
    /** A2A clients name their conversations as they like: anything printable, bounded. */
    private static final Pattern CONTEXT_ID = Pattern.compile("[^\\p{Cntrl}]{1,256}");
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,9}");
    private static final int TURNS = 20;
    private static final List<String> STATUSES = List.of("ACTIVE", "PENDING", "SUSPENDED", "REJECTED", "EXPIRED");
    private static final int MAX_INPUT_CHARS = 20_000;
    /** How far back an agent's page draws its reputation. */
    private static final int HISTORY_DAYS = 30;

    @Inject
    @Location("console/chat")
    Template chat;
    @Inject
    @Location("console/turn")
    Template turn;
    @Inject
    @Location("console/sign-in")
    Template signIn;
    @Inject
    @Location("console/account-opened")
    Template accountOpened;
    @Inject
    @Location("console/agents")
    Template agents;
    @Inject
    @Location("console/agent")
    Template agent;
    @Inject
    @Location("console/epochs")
    Template epochs;
    @Inject
    @Location("console/ledger")
    Template ledger;
    @Inject
    @Location("console/network")
    Template network;

    private final ConsoleAccess access;
    private final ConsoleSessions sessions;
    private final ReverseProxy proxy;
    private final PublicApi api;
    private final ContextStore contexts;
    private final AccountOpening opening;
    private final ApiKeyCheck keys;
    private final ClientAddresses clients;
    private final ObjectMapper json;

    public ConsoleRoutes(ConsoleAccess access, ConsoleSessions sessions, ReverseProxy proxy, PublicApi api,
                         ContextStore contexts, AccountOpening opening, ApiKeyCheck keys, ClientAddresses clients,
                         ObjectMapper json) {
        this.access = access;
        this.sessions = sessions;
        this.proxy = proxy;
        this.api = api;
        this.contexts = contexts;
        this.opening = opening;
        this.keys = keys;
        this.clients = clients;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.get("/").order(-10).handler(ctx -> ctx.response().setStatusCode(303)
                .putHeader("Location", "/console/").end());
        proxy.mount(router, HttpMethod.GET, "/console/sign-in", ctx -> page(ctx, signInPage(null)));
        proxy.mount(router, HttpMethod.POST, "/console/sign-in", this::signIn);
        proxy.mount(router, HttpMethod.POST, "/console/accounts", this::openAccount);
        proxy.mount(router, HttpMethod.POST, "/console/sign-out", ctx -> access.signedIn(ctx, false,
                session -> signOut(ctx)));
        signedIn(router, HttpMethod.GET, "/console/", false, this::chat);
        signedIn(router, HttpMethod.POST, "/console/tasks", true, this::submit);
        signedIn(router, HttpMethod.GET, "/console/tasks/:taskId/turn", false, this::turn);
        signedIn(router, HttpMethod.GET, "/console/tasks/:taskId/events", false, this::events);
        signedIn(router, HttpMethod.POST, "/console/tasks/:taskId/cancel", false,
                (ctx, session) -> taskAction(ctx, session, "cancel", null));
        signedIn(router, HttpMethod.POST, "/console/tasks/:taskId/dispute", false, this::dispute);
        signedIn(router, HttpMethod.GET, "/console/agents", false, this::agents);
        signedIn(router, HttpMethod.GET, "/console/agents/:agentId", false, this::agent);
        signedIn(router, HttpMethod.GET, "/console/epochs", false, this::epochs);
        signedIn(router, HttpMethod.GET, "/console/epochs/:epoch/proof", false, this::proof);
        signedIn(router, HttpMethod.GET, "/console/ledger", false, this::ledger);
        signedIn(router, HttpMethod.GET, "/console/network", false, this::network);
    }

    private interface SignedInHandler {
        void handle(RoutingContext ctx, Session session);
    }

    private void signedIn(Router router, HttpMethod method, String path, boolean submission, SignedInHandler handler) {
        proxy.mount(router, method, path, ctx -> access.signedIn(ctx, submission, session -> {
            try {
                handler.handle(ctx, session);
            } catch (RuntimeException e) {
                failed(ctx, e);
            }
        }));
    }

    // ------------------------------------------------------------------ sign-in

    private void signIn(RoutingContext ctx) {
        if (!access.sameOrigin(ctx)) {
            return;
        }
        String key = ConsoleAccess.form(ctx).getOrDefault("apiKey", "").strip();
        String clientAddress = clients.of(ctx.request());
        Optional<java.time.Duration> guessing = keys.guessing(clientAddress);
        if (guessing.isPresent()) {
            ctx.response().setStatusCode(429).putHeader("Retry-After",
                    Long.toString(ApiKeyCheck.retryAfterSeconds(guessing.get())));
            page(ctx, signInPage("Too many unknown keys from this address: try again in "
                    + ApiKeyCheck.retryAfterSeconds(guessing.get()) + " s."));
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            String accountId = ApiKeys.fromAuthorization("Bearer " + key) == null ? null
                    : keys.accountOf(key, clientAddress).orElse(null);
            return accountId == null ? null : sessions.open(accountId, key);
        }).onComplete(opened -> {
            if (opened.failed()) {
                failed(ctx, opened.cause());
            } else if (opened.result() == null) {
                ctx.response().setStatusCode(401);
                page(ctx, signInPage("That API key is unknown or revoked."));
            } else {
                access.setCookie(ctx, opened.result().token());
                ctx.response().setStatusCode(303).putHeader("Location", "/console/").end();
            }
        });
    }

    private TemplateInstance signInPage(String error) {
        return signIn.data("session", null).data("error", error).data("selfServe", opening.selfServe());
    }

    private void openAccount(RoutingContext ctx) {
        if (!access.sameOrigin(ctx)) {
            return;
        }
        ctx.vertx().executeBlocking(() -> {
            AccountOpening.Opened account = opening.open(null, null);
            return Map.entry(account, sessions.open(account.accountId(), account.apiKey()));
        }).onComplete(done -> {
            if (done.failed() && done.cause() instanceof HttpProblem refused) {
                ctx.response().setStatusCode(refused.getStatusCode());
                page(ctx, signInPage(refused.getDetail()));
            } else if (done.failed()) {
                failed(ctx, done.cause());
            } else {
                access.setCookie(ctx, done.result().getValue().token());
                ctx.response().setStatusCode(201);
                page(ctx, accountOpened.data("session", done.result().getValue().session())
                        .data("account", done.result().getKey())
                        .data("startingCredits", Views.credits(done.result().getKey().startingCredits())));
            }
        });
    }

    private void signOut(RoutingContext ctx) {
        String token = ConsoleAccess.cookie(ctx);
        ctx.vertx().executeBlocking(() -> {
            sessions.close(token);
            return null;
        }).onComplete(done -> {
            access.clearCookie(ctx);
            ctx.response().setStatusCode(303).putHeader("Location", "/console/sign-in").end();
        });
    }

    // ------------------------------------------------------------------ chat

    private void chat(RoutingContext ctx, Session session) {
        String accountId = session.accountId();
        String given = ctx.queryParams().get("c");
        String contextId = given != null && CONTEXT_ID.matcher(given).matches() ? given : null;
        Future<List<ContextStore.Conversation>> history = ctx.vertx().executeBlocking(() ->
                contexts.conversations(accountId, 30));
        Future<List<String>> taskIds = contextId == null ? Future.succeededFuture(List.of())
                : ctx.vertx().executeBlocking(() -> contexts.page(accountId, contextId, null, TURNS).taskIds());
        Future<List<Views.Turn>> turns = taskIds.compose(ids -> {
            List<String> oldestFirst = new ArrayList<>(ids);
            Collections.reverse(oldestFirst);
            Map<String, Future<JsonNode>> agentsSeen = new java.util.HashMap<>();
            List<Future<Views.Turn>> each = oldestFirst.stream()
                    .map(id -> turnOf(ctx, accountId, id, null, agentsSeen)).toList();
            return Future.all(each).map(all -> each.stream().map(Future::result).toList());
        });
        Future.all(history, turns, balance(ctx, accountId)).onComplete(done -> {
            if (done.failed()) {
                failed(ctx, done.cause());
                return;
            }
            page(ctx, chat.data("session", session).data("conversations", history.result().stream()
                            .map(c -> Views.conversation(c, contextId)).toList())
                    .data("contextId", contextId).data("turns", turns.result())
                    .data("balance", done.result().<String>resultAt(2)));
        });
    }

    private void submit(RoutingContext ctx, Session session) {
        JsonNode request = jsonBody(ctx);
        String input = request.path("input").asText("");
        String messageId = request.path("messageId").asText("");
        String given = request.path("contextId").asText("");
        if (input.isBlank() || input.length() > MAX_INPUT_CHARS) {
            ReverseProxy.problem(ctx.response(), 400, "bad-input", "Bad input", "write a question of 1 to " + MAX_INPUT_CHARS
                    + " characters");
            return;
        }
        if (!MESSAGE_ID.matcher(messageId).matches() || (!given.isEmpty() && !CONTEXT_ID.matcher(given).matches())) {
            ReverseProxy.problem(ctx.response(), 400, "bad-input", "Bad input",
                    "messageId must be 8-64 letters, digits or dashes, contextId one this console gave");
            return;
        }
        JsonNode excluded = request.path("excludeAgents");
        if (!excluded.isMissingNode() && !(excluded.isArray() && java.util.stream.StreamSupport
                .stream(excluded.spliterator(), false).allMatch(JsonNode::isTextual))) {
            // the API checks the ids and how many; here only that it is a list it can read
            ReverseProxy.problem(ctx.response(), 400, "bad-input", "Bad input", "excludeAgents must be a list of agent ids");
            return;
        }
        String contextId = given.isEmpty() ? "ctx-" + UUID.randomUUID() : given;
        ObjectNode body = json.createObjectNode().put("input", input);
        if (excluded.size() > 0) {
            body.set("excludeAgents", excluded.deepCopy());
        }
        String skill = request.path("skill").asText("").strip();
        if (!skill.isEmpty()) {
            body.put("skill", skill); // otherwise the network reads the request to choose the agent
        }
        // a resend after a lost answer (a reload while sending) is the same task, charged once
        api.call(ctx, TASKS, HttpMethod.POST, TASKS, session.accountId(),
                        Map.of("Idempotency-Key", "console-" + messageId), body, false)
                .compose(task -> ctx.vertx().executeBlocking(() -> {
                    contexts.remember(task.path("taskId").asText(), session.accountId(), contextId, input);
                    return task;
                }))
                .onSuccess(task -> ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                        .end(json.createObjectNode().put("taskId", task.path("taskId").asText())
                                .put("contextId", contextId).toString()))
                .onFailure(error -> failed(ctx, error));
    }

    private void turn(RoutingContext ctx, Session session) {
        String taskId = taskId(ctx);
        if (taskId == null) {
            return;
        }
        balance(ctx, session.accountId())
                .compose(balance -> turnOf(ctx, session.accountId(), taskId, balance, new java.util.HashMap<>()))
                .onSuccess(view -> page(ctx, turn.data("turn", view)))
                .onFailure(error -> failed(ctx, error));
    }

    /**
     * One task as a turn, with its agent's page; {@code agentsSeen}: the agents already asked for by this request,
     * so a conversation with one agent reads its page once.
     */
    private Future<Views.Turn> turnOf(RoutingContext ctx, String accountId, String taskId, String balanceAfter,
                                      Map<String, Future<JsonNode>> agentsSeen) {
        return api.call(ctx, TASKS, HttpMethod.GET, TASKS + "/" + taskId, accountId, Map.of(), null, false)
                .compose(task -> {
                    String agentId = task.at("/result/agentId").asText("");
                    Future<JsonNode> agentOf = AGENT_ID.matcher(agentId).matches()
                            ? agentsSeen.computeIfAbsent(agentId, id -> api.call(ctx, "/v1/agents", HttpMethod.GET,
                                    "/v1/agents/" + id, accountId, Map.of(), null, false).otherwise((JsonNode) null))
                            : Future.succeededFuture(null);
                    return agentOf.map(found -> Views.turn(task, found, Views.running(task) ? null : balanceAfter));
                });
    }

    /**
     * The task's events, from the orchestrator, as they happen: resumed after {@code Last-Event-ID} (the browser's
     * own reconnect) or {@code ?after=} (a reloaded page, which remembers the last event it showed), so a reload
     * shows no gap and no repeat. An {@code end} event says the stream is over (settled, held, or given up): the page
     * then asks for the finished turn instead of reconnecting.
     */
    private void events(RoutingContext ctx, Session session) {
        String taskId = taskId(ctx);
        if (taskId == null) {
            return;
        }
        String last = ctx.request().getHeader("Last-Event-ID");
        if (last == null) {
            last = ctx.queryParams().get("after");
        }
        if (last != null && !EVENT_ID.matcher(last).matches()) {
            ReverseProxy.problem(ctx.response(), 400, "bad-parameter", "Bad parameter",
                    "after (or Last-Event-ID) is the number of an event of this stream");
            return;
        }
        if (!proxy.holdOpen(ctx, session.accountId(), true)) {
            return;
        }
        Map<String, String> headers = last == null ? Map.of("Accept", "text/event-stream")
                : Map.of("Accept", "text/event-stream", "Last-Event-ID", last);
        HttpServerResponse response = ctx.response();
        proxy.call(ctx, TASKS, HttpMethod.GET, TASKS + "/" + taskId + "/events", session.accountId(), headers, null,
                true).onSuccess(backend -> {
                    if (backend.statusCode() != 200) {
                        backend.body().onComplete(body -> response.setStatusCode(backend.statusCode())
                                .putHeader("Content-Type", Optional.ofNullable(backend.getHeader("Content-Type"))
                                        .orElse(io.lode.gateway.edge.ProblemJson.MEDIA_TYPE))
                                .end(body.succeeded() ? body.result() : Buffer.buffer()));
                        return;
                    }
                    relayStream(backend, response);
                }).onFailure(error -> failed(ctx, error));
    }

    private static void relayStream(HttpClientResponse backend, HttpServerResponse response) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(closed -> backend.request().reset());
        response.write("retry: 2000\n\n");
        backend.handler(chunk -> {
            response.write(chunk);
            if (response.writeQueueFull()) {
                backend.pause();
                response.drainHandler(drained -> backend.resume());
            }
        });
        backend.exceptionHandler(error -> response.reset());
        backend.endHandler(ended -> {
            if (!response.ended()) {
                response.end("event: end\ndata: {}\n\n");
            }
        });
    }

    private void dispute(RoutingContext ctx, Session session) {
        String reason = jsonBody(ctx).path("reason").asText("");
        taskAction(ctx, session, "dispute", reason.isBlank() ? json.createObjectNode()
                : json.createObjectNode().put("reason", reason));
    }

    private void taskAction(RoutingContext ctx, Session session, String action, JsonNode body) {
        String taskId = taskId(ctx);
        if (taskId == null) {
            return;
        }
        api.call(ctx, TASKS, HttpMethod.POST, TASKS + "/" + taskId + "/" + action, session.accountId(), Map.of(),
                        body, false)
                .onSuccess(task -> ctx.response().putHeader("Content-Type", "application/json").end(task.toString()))
                .onFailure(error -> failed(ctx, error));
    }

    // ------------------------------------------------------------------ explorer

    private void agents(RoutingContext ctx, Session session) {
        StringBuilder query = new StringBuilder("/v1/agents?limit=50");
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        for (String name : List.of("q", "skill", "status", "maxPrice", "cursor")) {
            String value = ctx.queryParams().get(name);
            filters.put(name, value == null ? "" : value.strip());
            if (value != null && !value.isBlank()) {
                query.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value.strip(),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        api.call(ctx, "/v1/agents", HttpMethod.GET, query.toString(), session.accountId(), Map.of(), null, false)
                .onSuccess(found -> {
                    List<Views.Agent> items = new ArrayList<>();
                    found.path("items").forEach(item -> items.add(Views.agent(item)));
                    page(ctx, agents.data("session", session).data("agents", items).data("filters", filters)
                            .data("statuses", STATUSES).data("error", null));
                })
                .onFailure(error -> {
                    if (error instanceof ApiProblem refused && refused.status() == 400) {
                        ctx.response().setStatusCode(400);
                        page(ctx, agents.data("session", session).data("agents", List.of()).data("filters", filters)
                                .data("statuses", STATUSES).data("error", refused.problem().path("detail").asText()));
                    } else {
                        failed(ctx, error);
                    }
                });
    }

    private void agent(RoutingContext ctx, Session session) {
        String agentId = ctx.pathParam("agentId");
        if (!AGENT_ID.matcher(agentId).matches()) {
            ReverseProxy.problem(ctx.response(), 404, "agent-not-found", "No such agent", "no agent has the id " + agentId);
            return;
        }
        String accountId = session.accountId();
        Future<JsonNode> found = api.call(ctx, "/v1/agents", HttpMethod.GET, "/v1/agents/" + agentId, accountId,
                Map.of(), null, false);
        // the agent's page stands without its history, verdicts or earnings when their service does not answer
        Future<JsonNode> history = api.call(ctx, "/v1/agents", HttpMethod.GET, "/v1/agents/" + agentId
                + "/reputation?days=" + HISTORY_DAYS, accountId, Map.of(), null, false).otherwise((JsonNode) null);
        Future<JsonNode> verdicts = api.call(ctx, "/v1/verifier", HttpMethod.GET, "/v1/verifier/verdicts/" + agentId,
                accountId, Map.of(), null, false).otherwise((JsonNode) null);
        Future<JsonNode> earnings = api.call(ctx, "/v1/ledger", HttpMethod.GET, "/v1/ledger/earnings/" + agentId,
                accountId, Map.of(), null, false).otherwise((JsonNode) null);
        Future.all(history, verdicts, earnings).compose(all -> found)
                .onSuccess(agentFound -> page(ctx, agent.data("session", session).data("detail", Views.agentDetail(
                        agentFound, verdicts.result(), history.result(), earnings.result(), java.time.Instant.now()))))
                .onFailure(error -> failed(ctx, error));
    }

    private void epochs(RoutingContext ctx, Session session) {
        latestEpochs(ctx, session.accountId(), 5)
                .onSuccess(shown -> page(ctx, epochs.data("session", session).data("epochs", shown)))
                .onFailure(error -> failed(ctx, error));
    }

    /** The {@code count} latest closed epochs, newest first; none before the first closes. */
    private Future<List<Views.Epoch>> latestEpochs(RoutingContext ctx, String accountId, int count) {
        return api.call(ctx, "/v1/epochs", HttpMethod.GET, "/v1/epochs/latest", accountId, Map.of(), null, false)
                .compose(latest -> {
                    long newest = latest.path("epoch").asLong();
                    List<Future<JsonNode>> earlier = new ArrayList<>();
                    for (long n = newest - 1; n >= Math.max(0, newest - (count - 1)); n--) {
                        earlier.add(api.call(ctx, "/v1/epochs", HttpMethod.GET, "/v1/epochs/" + n, accountId,
                                Map.of(), null, false).otherwise((JsonNode) null));
                    }
                    return Future.all(earlier).map(all -> {
                        List<JsonNode> shown = new ArrayList<>(List.of(latest));
                        earlier.stream().map(Future::result).filter(java.util.Objects::nonNull).forEach(shown::add);
                        return shown.stream().map(Views::epoch).toList();
                    });
                })
                .recover(error -> error instanceof ApiProblem refused && refused.status() == 404
                        ? Future.succeededFuture(List.of()) : Future.failedFuture(error));
    }

    /** The caller's own inclusion proof: the page checks it against the epoch's root, which it reads itself. */
    private void proof(RoutingContext ctx, Session session) {
        String epoch = ctx.pathParam("epoch");
        if (!EVENT_ID.matcher(epoch).matches()) {
            ReverseProxy.problem(ctx.response(), 404, "no-epoch", "No such epoch", "epochs are numbered 0, 1, 2…");
            return;
        }
        api.call(ctx, "/v1/epochs", HttpMethod.GET, "/v1/epochs/" + epoch + "/proofs/" + session.accountId(),
                        session.accountId(), Map.of(), null, false)
                .onSuccess(proof -> ctx.response().putHeader("Content-Type", "application/json").end(proof.toString()))
                .onFailure(error -> failed(ctx, error));
    }

    private void ledger(RoutingContext ctx, Session session) {
        String cursor = ctx.queryParams().get("cursor");
        String uri = "/v1/ledger/accounts/" + session.accountId() + "/entries?limit=50"
                + (cursor == null || cursor.isBlank() ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                java.nio.charset.StandardCharsets.UTF_8));
        Future.all(api.call(ctx, "/v1/ledger", HttpMethod.GET, uri, session.accountId(), Map.of(), null, false),
                        balance(ctx, session.accountId()))
                .onSuccess(both -> {
                    JsonNode entries = both.resultAt(0);
                    List<Views.Entry> items = new ArrayList<>();
                    entries.path("items").forEach(item -> items.add(Views.entry(item)));
                    page(ctx, ledger.data("session", session).data("entries", items)
                            .data("balance", both.<String>resultAt(1))
                            .data("olderHref", entries.path("nextCursor").isTextual() ? "/console/ledger?cursor="
                                    + java.net.URLEncoder.encode(entries.path("nextCursor").asText(),
                                    java.nio.charset.StandardCharsets.UTF_8) : null));
                })
                .onFailure(error -> failed(ctx, error));
    }

    /** The operators' view: what the network did in the last minute and hour, its agents, its latest epoch. */
    private void network(RoutingContext ctx, Session session) {
        String accountId = session.accountId();
        Future<JsonNode> minute = api.call(ctx, TASKS, HttpMethod.GET, TASKS + "/activity?windowSeconds=60",
                accountId, Map.of(), null, false);
        Future<JsonNode> hour = api.call(ctx, TASKS, HttpMethod.GET, TASKS + "/activity?windowSeconds=3600",
                accountId, Map.of(), null, false);
        Future<JsonNode> agentCounts = api.call(ctx, "/v1/agents", HttpMethod.GET, "/v1/agents/counts", accountId,
                Map.of(), null, false);
        Future<List<Views.Epoch>> latest = latestEpochs(ctx, accountId, 3).otherwise(List.of());
        Future.all(minute, hour, agentCounts, latest).onSuccess(all -> page(ctx, network.data("session", session)
                        .data("perSecond", String.format(java.util.Locale.ROOT, "%.2f",
                                minute.result().path("perSecond").asDouble()))
                        .data("lastMinute", minute.result().path("submitted").asLong())
                        .data("lastHour", hour.result().path("submitted").asLong())
                        .data("byStatus", Views.counts(hour.result().path("byStatus")))
                        .data("byVerdict", Views.counts(hour.result().path("byVerdict")))
                        .data("agents", Views.counts(agentCounts.result()))
                        .data("epochs", latest.result())))
                .onFailure(error -> failed(ctx, error));
    }

    // ------------------------------------------------------------------ helpers

    /** The account's available balance as a sentence, or null when the ledger cannot say right now. */
    private Future<String> balance(RoutingContext ctx, String accountId) {
        return api.call(ctx, "/v1/ledger", HttpMethod.GET, "/v1/ledger/accounts/" + accountId, accountId, Map.of(),
                        null, false)
                .map(balance -> Views.credits(balance.path("available").asLong()) + " available"
                        + (balance.path("escrowed").asLong() > 0
                        ? ", " + Views.credits(balance.path("escrowed").asLong()) + " in escrow" : ""))
                .otherwise((String) null);
    }

    private String taskId(RoutingContext ctx) {
        String taskId = ctx.pathParam("taskId");
        if (!PublicApi.isTaskId(taskId)) {
            ReverseProxy.problem(ctx.response(), 404, "task-not-found", "No such task", "no task of yours has the id " + taskId);
            return null;
        }
        return taskId;
    }

    private JsonNode jsonBody(RoutingContext ctx) {
        Buffer body = ReverseProxy.body(ctx);
        try {
            JsonNode parsed = body == null ? null : json.readTree(body.getBytes());
            return parsed != null && parsed.isObject() ? parsed : json.createObjectNode();
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    private static void page(RoutingContext ctx, TemplateInstance page) {
        String html;
        try {
            html = page.render();
        } catch (RuntimeException e) {
            Log.errorf(e, "console page %s failed to render", ctx.request().path());
            ReverseProxy.problem(ctx.response(), 500, "internal", "Internal error", "this page could not be shown");
            return;
        }
        html(ctx, ctx.response().getStatusCode(), html);
    }

    private static void html(RoutingContext ctx, int status, String html) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
        }
    }

    /** The API's refusal passed on as it was (its problem+json), anything else as a 502/503 problem. */
    private static void failed(RoutingContext ctx, Throwable error) {
        if (error instanceof ApiProblem refused) {
            if (refused.status() == 429 || refused.status() == 503) {
                ctx.response().putHeader("Retry-After", "2");
            }
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(refused.status()).putHeader("Content-Type",
                        io.lode.gateway.edge.ProblemJson.MEDIA_TYPE).end(refused.problem().toString());
            }
            return;
        }
        Log.warnf(error, "console request %s %s failed", ctx.request().method(), ctx.request().path());
        ReverseProxy.problem(ctx.response(), 503, "unavailable", "Service unavailable",
                "the network cannot answer this right now: try again shortly");
    }
}
