package io.lode.gateway.a2a;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.a2a.SseDecoder;
import io.lode.gateway.edge.ProblemJson;
import io.lode.gateway.proxy.PublicApi;
import io.lode.gateway.proxy.ReverseProxy;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The network as one A2A agent: its card at {@code /.well-known/agent-card.json} and its JSON-RPC endpoint at
 * {@code /a2a}, speaking v1.0 and v0.3. Every call is the caller's API key ({@code Authorization: Bearer}), admitted
 * like any API call (rate limit, quota, open requests), and becomes a call of the public API on the caller's behalf:
 * nothing here decides anything the API does not.
 */
@ApplicationScoped
public class A2aEndpoint {

    public static final String PATH = "/a2a";
    private static final String TASKS = "/v1/tasks";

    private final ReverseProxy proxy;
    private final PublicApi api;
    private final ObjectMapper json;
    private final ContextStore contexts;
    private final NetworkCard card;
    private final PushConfigs pushes;
    private final PushDelivery delivery;
    private final int perTask;

    public A2aEndpoint(ReverseProxy proxy, PublicApi api, ObjectMapper json, ContextStore contexts, NetworkCard card,
                       PushConfigs pushes, PushDelivery delivery, io.lode.gateway.GatewayConfig config) {
        this.proxy = proxy;
        this.api = api;
        this.pushes = pushes;
        this.delivery = delivery;
        this.perTask = config.push().perTask();
        this.json = json;
        this.contexts = contexts;
        this.card = card;
    }

    void register(@Observes Router router) {
        // A card that names the address its caller used must not be cached for others (a forged Host header would
        // otherwise send them, and their API keys, elsewhere): cacheable only when it names the configured URL.
        router.get(NetworkCard.PATH).order(-10).handler(ctx -> ctx.response()
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", card.namesConfiguredUrl() ? "public, max-age=300" : "no-store")
                .end(card.publicCard(ctx.request()).toString()));
        proxy.mount(router, PATH, this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.response().setStatusCode(405).putHeader("allow", "POST").putHeader("content-type", ProblemJson.MEDIA_TYPE)
                    .end(ProblemJson.body(405, "method-not-allowed", "Method not allowed",
                            "the A2A endpoint takes JSON-RPC requests by POST"));
            return;
        }
        JsonNode request;
        try {
            Buffer body = ReverseProxy.body(ctx);
            request = body == null ? null : json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            fail(ctx, null, new JsonRpcError(JsonRpcError.PARSE_ERROR, "the body is not JSON"));
            return;
        }
        if (request == null || !request.isObject() || !"2.0".equals(request.path("jsonrpc").asText())
                || !request.path("method").isTextual()) {
            fail(ctx, null, new JsonRpcError(JsonRpcError.INVALID_REQUEST,
                    "a JSON-RPC 2.0 request object with a method is required"));
            return;
        }
        JsonNode id = request.get("id");
        String given = request.path("method").asText();
        boolean legacy = A2aWire.isLegacy(given);
        String method = A2aWire.canonical(given);
        JsonNode params = request.path("params").isObject() ? request.path("params") : json.createObjectNode();
        boolean submission = method.equals("SendMessage") || method.equals("SendStreamingMessage");
        proxy.authenticate(ctx, submission, accountId -> {
            try {
                dispatch(new Call(ctx, id, accountId, legacy), method, params);
            } catch (JsonRpcError error) {
                fail(ctx, id, error);
            } catch (RuntimeException e) {
                Log.errorf(e, "A2A %s failed", method);
                fail(ctx, id, new JsonRpcError(JsonRpcError.INTERNAL, "internal error: see the gateway's logs"));
            }
        });
    }

    /** One JSON-RPC call: where to answer, whose it is, and in which version. */
    private record Call(RoutingContext ctx, JsonNode id, String accountId, boolean legacy) {
    }

    private void dispatch(Call call, String method, JsonNode params) {
        switch (method) {
            case "SendMessage" -> send(call, Submission.of(params, call.legacy()), false);
            case "SendStreamingMessage" -> send(call, Submission.of(params, call.legacy()), true);
            case "GetTask" -> get(call, taskId(params));
            case "ListTasks" -> list(call, params);
            case "CancelTask" -> cancel(call, taskId(params));
            case "SubscribeToTask" -> subscribe(call, taskId(params));
            case "GetExtendedAgentCard" -> reply(call, card.extendedCard(call.ctx().request(), call.accountId()));
            case "CreateTaskPushNotificationConfig" -> createPush(call, params);
            case "GetTaskPushNotificationConfig" -> getPush(call, params);
            case "ListTaskPushNotificationConfigs" -> listPush(call, params);
            case "DeleteTaskPushNotificationConfig" -> deletePush(call, params);
            default -> throw new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "no method " + method);
        }
    }

    private static String taskId(JsonNode params) {
        return checkedTaskId(params.path("id"), "params.id");
    }

    /** A task id the API gave out, or invalid params: no caller text shapes a backend's path. */
    private static String checkedTaskId(JsonNode value, String name) {
        if (!value.isTextual() || !PublicApi.isTaskId(value.asText())) {
            throw Submission.invalid(name + " must be a task id (tsk_…)");
        }
        return value.asText();
    }

    // ------------------------------------------------------------------ send

    private void send(Call call, Submission submission, boolean streaming) {
        boolean waits = streaming || !submission.returnImmediately();
        if (!proxy.holdOpen(call.ctx(), call.accountId(), waits)) {
            return;
        }
        String uri = TASKS + (streaming || submission.returnImmediately() ? "" : "?wait=verified");
        // A resend of the same message (a client retrying after a lost answer) is the same task, charged once.
        Map<String, String> headers = Map.of("Idempotency-Key", "a2a-" + submission.messageId());
        // a webhook the guard refuses is refused before the task exists (and costs anything)
        call.ctx().vertx().executeBlocking(() -> {
                    if (submission.push() != null) {
                        checkWebhook(submission.push());
                    }
                    return null;
                })
                .compose(checked -> api(call, HttpMethod.POST, uri, headers, submission.body(), !streaming && waits))
                .compose(task -> call.ctx().vertx().executeBlocking(() -> {
                    String taskId = task.path("taskId").asText();
                    contexts.remember(taskId, call.accountId(), submission.contextId(),
                            submission.body().path("input").asText());
                    if (submission.push() != null) {
                        savePush(call, taskId, submission.contextId(), submission.push());
                    }
                    return task;
                }))
                .onSuccess(task -> {
                    if (streaming) {
                        follow(call, task, submission.contextId());
                    } else {
                        reply(call, A2aWire.taskResult(A2aWire.task(task, submission.contextId(), call.legacy(), true),
                                call.legacy()));
                    }
                })
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    // ------------------------------------------------------------------ get, list, cancel

    private void get(Call call, String taskId) {
        if (!proxy.holdOpen(call.ctx(), call.accountId(), false)) {
            return;
        }
        task(call, taskId).onSuccess(task -> reply(call, task)).onFailure(error -> fail(call.ctx(), call.id(),
                asRpcError(error)));
    }

    /** The caller's task as A2A shows it, with its conversation. */
    private Future<ObjectNode> task(Call call, String taskId) {
        return api(call, HttpMethod.GET, TASKS + "/" + taskId, Map.of(), null, false)
                .compose(task -> contextOf(call, task).map(context -> A2aWire.task(task, context, call.legacy(), true)));
    }

    private Future<String> contextOf(Call call, JsonNode task) {
        String taskId = task.path("taskId").asText();
        return call.ctx().vertx().executeBlocking(() -> contexts.contextsOf(call.accountId(), List.of(taskId))
                .get(taskId));
    }

    private void cancel(Call call, String taskId) {
        if (!proxy.holdOpen(call.ctx(), call.accountId(), false)) {
            return;
        }
        api(call, HttpMethod.POST, TASKS + "/" + taskId + "/cancel", Map.of(), null, false)
                .compose(canceled -> task(call, taskId))
                .onSuccess(task -> reply(call, task))
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    /**
     * The caller's tasks, newest first: of one conversation ({@code contextId}) or all of them, {@code pageSize}
     * 1–100 (50), {@code pageToken} from the previous page, artifacts only with {@code includeArtifacts}.
     */
    private void list(Call call, JsonNode params) {
        int pageSize = params.path("pageSize").asInt(50);
        if (pageSize < 1 || pageSize > 100) {
            throw Submission.invalid("pageSize must be 1 to 100");
        }
        String pageToken = params.path("pageToken").asText("");
        boolean artifacts = params.path("includeArtifacts").asBoolean(false);
        String contextId = Submission.id(params.path("contextId"), "params.contextId", false);
        String state = params.path("status").asText("");
        if (!state.isEmpty() && !params.path("status").isTextual()) {
            throw Submission.invalid("params.status must be a task state");
        }
        List<String> statuses = state.isEmpty() ? List.of() : A2aWire.statusesOf(state, call.legacy());
        if (!state.isEmpty() && contextId != null) {
            throw Submission.invalid("filter by status or by contextId, not both: a context's tasks are few, page "
                    + "through them");
        }
        if (!proxy.holdOpen(call.ctx(), call.accountId(), false)) {
            return;
        }
        Future<ObjectNode> page = contextId != null
                ? listContext(call, contextId, pageSize, pageToken, artifacts)
                : !state.isEmpty() && statuses.isEmpty()
                ? Future.succeededFuture(listing(call, List.of(), "", pageSize, 0)) // a state no Lode task is in
                : listAll(call, statuses, pageSize, pageToken, artifacts);
        page.onSuccess(result -> reply(call, result)).onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    private Future<ObjectNode> listAll(Call call, List<String> statuses, int pageSize, String pageToken,
                                       boolean artifacts) {
        String uri = TASKS + "?total=true&limit=" + pageSize + (pageToken.isEmpty() ? ""
                : "&cursor=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8))
                + (statuses.isEmpty() ? "" : "&status=" + String.join(",", statuses));
        return api(call, HttpMethod.GET, uri, Map.of(), null, false).compose(page -> {
            List<JsonNode> items = new ArrayList<>();
            page.path("items").forEach(items::add);
            List<String> ids = items.stream().map(t -> t.path("taskId").asText()).toList();
            return call.ctx().vertx().executeBlocking(() -> contexts.contextsOf(call.accountId(), ids))
                    .map(byTask -> listing(call, items.stream().map(t -> A2aWire.task(t,
                            byTask.get(t.path("taskId").asText()), call.legacy(), artifacts)).toList(),
                            page.path("nextCursor").asText(""), pageSize, page.path("total").asLong()));
        });
    }

    private Future<ObjectNode> listContext(Call call, String contextId, int pageSize, String pageToken,
                                           boolean artifacts) {
        return call.ctx().vertx().executeBlocking(() -> contexts.page(call.accountId(), contextId, pageToken, pageSize))
                .compose(page -> {
                    List<Future<JsonNode>> tasks = page.taskIds().stream()
                            .map(id -> api(call, HttpMethod.GET, TASKS + "/" + id, Map.of(), null, false)).toList();
                    return Future.all(tasks).map(all -> listing(call, tasks.stream().map(t -> (JsonNode) A2aWire.task(
                            t.result(), contextId, call.legacy(), artifacts)).toList(),
                            page.nextCursor() == null ? "" : page.nextCursor(), pageSize, page.total()));
                });
    }

    /** A ListTasks result; {@code totalSize}: the tasks that match over all pages. */
    private ObjectNode listing(Call call, List<? extends JsonNode> tasks, String nextPageToken, int pageSize,
                               long totalSize) {
        ObjectNode listing = json.createObjectNode();
        listing.putArray("tasks").addAll(tasks.stream().map(JsonNode.class::cast).toList());
        listing.put("nextPageToken", nextPageToken).put("pageSize", pageSize).put("totalSize", totalSize);
        return listing;
    }

    // ------------------------------------------------------------------ push notifications

    /** The task a push config call names: v1.0 {@code taskId}; v0.3 {@code taskId} to set, {@code id} otherwise. */
    private static String pushTaskId(JsonNode params, boolean legacy, boolean setting) {
        return checkedTaskId(params.path(legacy && !setting ? "id" : "taskId"), legacy && !setting ? "params.id"
                : "params.taskId");
    }

    private static String pushConfigId(JsonNode params, boolean legacy) {
        return Submission.id(params.path(legacy ? "pushNotificationConfigId" : "id"),
                legacy ? "params.pushNotificationConfigId" : "params.id", true);
    }

    private void createPush(Call call, JsonNode params) {
        String taskId = pushTaskId(params, call.legacy(), true);
        PushRequest push = PushRequest.of(call.legacy() ? params.path("pushNotificationConfig") : params, call.legacy());
        if (!proxy.holdOpen(call.ctx(), call.accountId(), false)) {
            return;
        }
        api(call, HttpMethod.GET, TASKS + "/" + taskId, Map.of(), null, false) // the caller's task, or -32001
                .compose(task -> contextOf(call, task))
                .compose(context -> call.ctx().vertx().executeBlocking(() -> {
                    checkWebhook(push);
                    savePush(call, taskId, context, push);
                    return pushes.find(call.accountId(), taskId, push.configId()).orElseThrow();
                }))
                .onSuccess(saved -> reply(call, PushRequest.shown(saved, call.legacy())))
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    private void getPush(Call call, JsonNode params) {
        String taskId = pushTaskId(params, call.legacy(), false);
        String configId = pushConfigId(params, call.legacy());
        call.ctx().vertx().executeBlocking(() -> pushes.find(call.accountId(), taskId, configId)
                        .orElseThrow(() -> new JsonRpcError(JsonRpcError.TASK_NOT_FOUND, "no push notification config "
                                + configId + " of task " + taskId)))
                .onSuccess(found -> reply(call, PushRequest.shown(found, call.legacy())))
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    private void listPush(Call call, JsonNode params) {
        String taskId = pushTaskId(params, call.legacy(), false);
        call.ctx().vertx().executeBlocking(() -> pushes.ofTask(call.accountId(), taskId))
                .onSuccess(found -> {
                    var shown = json.createArrayNode();
                    found.forEach(c -> shown.add(PushRequest.shown(c, call.legacy())));
                    if (call.legacy()) {
                        reply(call, shown);
                    } else {
                        ObjectNode page = json.createObjectNode().put("nextPageToken", "");
                        page.set("configs", shown);
                        reply(call, page);
                    }
                })
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    private void deletePush(Call call, JsonNode params) {
        String taskId = pushTaskId(params, call.legacy(), false);
        String configId = pushConfigId(params, call.legacy());
        call.ctx().vertx().executeBlocking(() -> {
                    if (!pushes.delete(call.accountId(), taskId, configId)) {
                        throw new JsonRpcError(JsonRpcError.TASK_NOT_FOUND, "no push notification config " + configId
                                + " of task " + taskId);
                    }
                    return null;
                })
                .onSuccess(deleted -> reply(call, json.nullNode()))
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    /** Blocking (it resolves the host): the SSRF guard's verdict on a webhook, as invalid params. */
    private void checkWebhook(PushRequest push) {
        try {
            delivery.check(push.url());
        } catch (io.lode.egress.BlockedDestinationException e) {
            throw Submission.invalid("the webhook is refused: " + e.getMessage());
        }
    }

    private void savePush(Call call, String taskId, String contextId, PushRequest push) throws java.sql.SQLException {
        boolean saved = pushes.save(new PushConfigs.PushConfig(taskId, push.configId(), call.accountId(), contextId,
                call.legacy(), push.url().toString(), push.token(), push.authScheme(), push.authCredentials(), null, 0,
                null, null), perTask);
        if (!saved) {
            throw Submission.invalid("a task may have " + perTask + " push notification configs");
        }
    }

    // ------------------------------------------------------------------ streams

    private void subscribe(Call call, String taskId) {
        if (!proxy.holdOpen(call.ctx(), call.accountId(), true)) {
            return;
        }
        api(call, HttpMethod.GET, TASKS + "/" + taskId, Map.of(), null, false)
                .compose(task -> contextOf(call, task).map(context -> Map.entry(task, context)))
                .onSuccess(found -> follow(call, found.getKey(), found.getValue()))
                .onFailure(error -> fail(call.ctx(), call.id(), asRpcError(error)));
    }

    /**
     * Streams a task as A2A events: the task first, then WORKING once an agent has it, the agent's words as chunks of
     * the answer artifact, and at the end the verified answer (replacing the chunks, with its verdict, receipt and
     * fee) and the final status. The task's own event stream is read from its start, so a subscriber who comes late
     * (or comes back) misses nothing.
     */
    private void follow(Call call, JsonNode task, String contextId) {
        String taskId = task.path("taskId").asText();
        HttpServerResponse response = call.ctx().response();
        response.setStatusCode(200).putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache").setChunked(true);
        emit(call, A2aWire.taskResult(A2aWire.task(task, contextId, call.legacy(), false), call.legacy()));
        if (A2aWire.isDecided(task.path("status").asText())) {
            finish(call, task, contextId, false);
            return;
        }
        stream(call, taskId, contextId, new Following());
    }

    /** Where a subscriber's stream stands: what it was shown, and the task event it read last. */
    private static final class Following {
        boolean working;
        boolean chunked;
        boolean done;
        String lastEventId;
        int reconnects;
    }

    /**
     * Reads the task's event stream from the orchestrator, after {@code at.lastEventId} when it read some already. A
     * stream that ends before the task is decided (the orchestrator restarted, or dropped it under load) is opened
     * again after the last event read, up to {@value #MAX_RECONNECTS} times, so the subscriber still sees the end.
     */
    private void stream(Call call, String taskId, String contextId, Following at) {
        HttpServerResponse response = call.ctx().response();
        Map<String, String> headers = at.lastEventId == null ? Map.of("Accept", "text/event-stream")
                : Map.of("Accept", "text/event-stream", "Last-Event-ID", at.lastEventId);
        proxy.call(call.ctx(), TASKS, HttpMethod.GET, TASKS + "/" + taskId + "/events", call.accountId(), headers,
                        null, true)
                .onSuccess(events -> {
                    if (response.closed()) {
                        events.request().connection().close(); // the caller left while the stream opened
                        return;
                    }
                    response.closeHandler(closed -> events.request().connection().close());
                    if (events.statusCode() == 503) { // busy or restarting: try again, as after a dropped stream
                        events.body().onComplete(body -> streamEnded(call, taskId, contextId, at));
                        return;
                    }
                    if (events.statusCode() != 200) {
                        events.body().onComplete(body -> endWithError(call, new JsonRpcError(JsonRpcError.INTERNAL,
                                "the task's event stream answered " + events.statusCode())));
                        return;
                    }
                    SseDecoder decoder = new SseDecoder(event -> {
                        if (at.done) {
                            return;
                        }
                        if (event.id() != null) {
                            at.lastEventId = event.id();
                        }
                        switch (event.name()) {
                            case "DISPATCHED" -> {
                                if (!at.working) {
                                    at.working = true;
                                    emit(call, A2aWire.statusUpdate(taskId, contextId, A2aWire.status(
                                            json.createObjectNode().put("status", "DISPATCHED"), taskId, contextId,
                                            call.legacy()), false, call.legacy()));
                                }
                            }
                            case "PARTIAL" -> {
                                emit(call, A2aWire.partial(taskId, contextId, text(event.data()), at.chunked,
                                        call.legacy()));
                                at.chunked = true;
                            }
                            case "HELD", "COMPLETED", "FAILED", "CANCELED", "EXPIRED" -> {
                                at.done = true;
                                events.request().connection().close();
                                finishFromApi(call, taskId, contextId);
                            }
                            default -> {
                                // SUBMITTED, ESCROWED, RESULT (not yet verified), VERDICT, SETTLED…: the end says it
                            }
                        }
                    });
                    boolean[] ended = {false}; // a broken stream may report its end twice: an error, then the end
                    Runnable onEnd = () -> {
                        if (!ended[0]) {
                            ended[0] = true;
                            streamEnded(call, taskId, contextId, at);
                        }
                    };
                    events.handler(chunk -> decoder.feed(chunk.getBytes()));
                    events.exceptionHandler(error -> onEnd.run());
                    events.endHandler(end -> {
                        decoder.finish();
                        onEnd.run();
                    });
                })
                .onFailure(error -> streamEnded(call, taskId, contextId, at));
    }

    /**
     * How often a subscriber's stream is opened again before it ends without the task's end: about 25 s in all, long
     * enough for an orchestrator to restart.
     */
    private static final int MAX_RECONNECTS = 15;

    /**
     * The orchestrator's stream ended or could not be opened: the subscriber is shown the task's end if it has one;
     * else the stream is opened again after a pause (250 ms, doubling to 2 s), and after {@value #MAX_RECONNECTS}
     * tries it ends with what is known — the status as it stands, or the error.
     */
    private void streamEnded(Call call, String taskId, String contextId, Following at) {
        if (at.done || call.ctx().response().closed()) {
            return;
        }
        api(call, HttpMethod.GET, TASKS + "/" + taskId, Map.of(), null, false).onSuccess(task -> {
            if (at.done) {
                return;
            }
            if (A2aWire.isDecided(task.path("status").asText()) || at.reconnects >= MAX_RECONNECTS) {
                at.done = true;
                finish(call, task, contextId, true);
            } else {
                again(call, taskId, contextId, at);
            }
        }).onFailure(error -> {
            if (at.reconnects < MAX_RECONNECTS) {
                again(call, taskId, contextId, at); // the orchestrator is away: it may be restarting
            } else if (!at.done) {
                at.done = true;
                endWithError(call, asRpcError(error));
            }
        });
    }

    private void again(Call call, String taskId, String contextId, Following at) {
        long pause = Math.min(2_000, 250L << Math.min(at.reconnects, 3));
        at.reconnects++;
        call.ctx().vertx().setTimer(pause, timer -> stream(call, taskId, contextId, at));
    }

    private String text(String data) {
        try {
            return json.readTree(data).path("text").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private void finishFromApi(Call call, String taskId, String contextId) {
        api(call, HttpMethod.GET, TASKS + "/" + taskId, Map.of(), null, false)
                .onSuccess(task -> finish(call, task, contextId, true))
                .onFailure(error -> endWithError(call, asRpcError(error)));
    }

    /** The stream's last events: the verified answer, when there is one, and the status, final once decided. */
    private void finish(Call call, JsonNode task, String contextId, boolean withAnswer) {
        String taskId = task.path("taskId").asText();
        if (withAnswer && task.path("result").hasNonNull("output")) {
            emit(call, A2aWire.artifactUpdate(taskId, contextId, A2aWire.answer(task, call.legacy()), false, true,
                    call.legacy()));
        }
        boolean decided = A2aWire.isDecided(task.path("status").asText());
        emit(call, A2aWire.statusUpdate(taskId, contextId, A2aWire.status(task, taskId, contextId, call.legacy()),
                decided, call.legacy()));
        call.ctx().response().end();
    }

    private void emit(Call call, ObjectNode result) {
        HttpServerResponse response = call.ctx().response();
        if (!response.ended() && !response.closed()) {
            response.write("data: " + envelope(call.id()).set("result", result) + "\n\n");
        }
    }

    private void endWithError(Call call, JsonRpcError error) {
        HttpServerResponse response = call.ctx().response();
        if (!response.ended() && !response.closed()) {
            response.end("data: " + errorEnvelope(call.id(), error) + "\n\n");
        }
    }

    // ------------------------------------------------------------------ the public API, and answers

    /**
     * A call of the public API as the caller: its JSON answer, or a {@link JsonRpcError} carrying the problem (404 a
     * task not found or not the caller's, 400/422 bad params, the rest an internal error with the problem's detail).
     */
    private Future<JsonNode> api(Call call, HttpMethod method, String uri, Map<String, String> headers, JsonNode body,
                                 boolean waits) {
        return api.call(call.ctx(), TASKS, method, uri, call.accountId(), headers, body, waits)
                .recover(error -> Future.failedFuture(error instanceof PublicApi.ApiProblem refused
                        ? new JsonRpcError(switch (refused.status()) {
                            case 404 -> JsonRpcError.TASK_NOT_FOUND;
                            case 409 -> refused.problem().path("type").asText().endsWith("/task-not-cancelable")
                                    ? JsonRpcError.TASK_NOT_CANCELABLE : JsonRpcError.INTERNAL;
                            case 400, 422 -> JsonRpcError.INVALID_PARAMS;
                            default -> JsonRpcError.INTERNAL;
                        }, refused.getMessage(), refused.problem()) : error));
    }

    private static JsonRpcError asRpcError(Throwable error) {
        if (error instanceof JsonRpcError rpc) {
            return rpc;
        }
        Log.warnf("A2A call failed: %s", error.toString());
        return new JsonRpcError(JsonRpcError.INTERNAL, "the network could not be reached: " + error.getMessage());
    }

    private void reply(Call call, JsonNode result) {
        HttpServerResponse response = call.ctx().response();
        if (!response.ended() && !response.closed()) {
            response.putHeader("content-type", "application/json").end(envelope(call.id()).set("result", result)
                    .toString());
        }
    }

    private void fail(RoutingContext ctx, JsonNode id, JsonRpcError error) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            if (!response.ended() && !response.closed()) {
                response.end("data: " + errorEnvelope(id, error) + "\n\n");
            }
            return;
        }
        response.putHeader("content-type", "application/json").end(errorEnvelope(id, error).toString());
    }

    private ObjectNode envelope(JsonNode id) {
        ObjectNode envelope = json.createObjectNode().put("jsonrpc", "2.0");
        envelope.set("id", id == null ? json.nullNode() : id);
        return envelope;
    }

    private ObjectNode errorEnvelope(JsonNode id, JsonRpcError error) {
        ObjectNode envelope = envelope(id);
        ObjectNode body = envelope.putObject("error").put("code", error.code()).put("message", error.getMessage());
        if (error.data() != null) {
            body.set("data", error.data());
        }
        return envelope;
    }
}
