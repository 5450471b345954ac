package io.lode.agents.a2a;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal A2A agent over JSON-RPC: serves a v1.0 agent card (with the Lode identity extension) at
 * {@code /.well-known/agent-card.json} and answers {@code SendMessage} (v1.0) and {@code message/send}
 * (v0.3) at {@code /a2a/jsonrpc} by applying its skill to the message text — and, as Server-Sent Events,
 * {@code SendStreamingMessage} and {@code message/stream} (a task, its answer in two artifact chunks, completed).
 */
public final class A2aAgentServer implements AutoCloseable {

    public static final String CARD_PATH = "/.well-known/agent-card.json";
    public static final String RPC_PATH = "/a2a/jsonrpc";
    private static final int MAX_REQUEST_BYTES = 1 << 20;
    /** The agents module's one mapper. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Words in a task's text that make a misbehaving agent misbehave; without them it answers properly. */
    public static final String TRIGGER = "[misbehave]";

    /**
     * How a test agent fails the tasks that carry {@link #TRIGGER} (it passes its exam, whose challenges never
     * do): the faults the orchestrator must survive.
     */
    public enum Misbehaviour {
        NONE, HTTP_500, NOT_JSON_RPC, OVERSIZED, DRIP, HANG, WRONG_ID,
        /** An answer holding a NUL character, which no text column can store. */
        NUL_ANSWER,
        /** Streaming agents (the card says so): chunks forever, 10 MB of chunks, events of another request, a
         * stream that ends before the task completes. */
        STREAM_DRIP, STREAM_OVERSIZED, STREAM_WRONG_ID, STREAM_UNFINISHED;

        public boolean streams() {
            return name().startsWith("STREAM_");
        }
    }

    private static final int OVERSIZED_BYTES = 10 << 20;

    static {
        // The JDK's server writes a reply's headers and body separately; without TCP_NODELAY the body waits for the
        // ACK of the headers, which a client on a kept-alive connection delays by 40 ms (measured: 44 ms a call
        // instead of 3.6 ms). Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Misbehaviour misbehaviour;
    /** Run between a streamed answer's two halves: a test holds an answer mid-stream with it. */
    private volatile Runnable betweenChunks = () -> { };
    private final boolean always;

    /** What the agent says about itself; becomes its card. */
    public record Description(String name, String description, String publicKey, List<SkillCard> skills) {
    }

    public record SkillCard(String id, String name, String description, List<String> tags, List<String> examples) {
    }

    /**
     * A JSON-RPC request as it arrived: who sent it, its headers and its body — what an agent can see of a task — and
     * when (so a test can tell how honeypots are timed against other calls).
     */
    public record ReceivedRequest(String remoteAddress, Map<String, List<String>> headers, JsonNode body,
                                  java.time.Instant receivedAt) {
    }

    private static final int RECEIVED_KEPT = 10_000;
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();

    public A2aAgentServer(String host, int port, Description description, UnaryOperator<String> skill)
            throws IOException {
        this(host, port, description, skill, Misbehaviour.NONE);
    }

    public A2aAgentServer(String host, int port, Description description, UnaryOperator<String> skill,
                          Misbehaviour misbehaviour) throws IOException {
        this(host, port, description, skill, misbehaviour, false);
    }

    /** With {@code always}, the agent misbehaves on every request, its exam included, not only on the trigger. */
    public A2aAgentServer(String host, int port, Description description, UnaryOperator<String> skill,
                          Misbehaviour misbehaviour, boolean always) throws IOException {
        this.misbehaviour = misbehaviour;
        this.always = always;
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(executor);
        server.createContext(CARD_PATH, exchange -> {
            String url = "http://" + host + ":" + server.getAddress().getPort() + RPC_PATH;
            send(exchange, 200, card(description, url, misbehaviour.streams()));
        });
        server.createContext(RPC_PATH, exchange -> rpc(exchange, skill));
    }

    public A2aAgentServer start() {
        server.start();
        return this;
    }

    /** The requests received so far (the first 10,000), for tests that look at traffic as an agent sees it. */
    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * What a streaming answer waits for between its first half and the rest (nothing, by default): lets a test see
     * an answer while it is being streamed, as a slow model's would be.
     */
    public void pauseBetweenChunks(Runnable pause) {
        betweenChunks = pause;
    }

    static ObjectNode card(Description d, String url, boolean streaming) {
        ObjectNode card = JSON.createObjectNode().put("name", d.name()).put("description", d.description())
                .put("version", "1.0.0");
        card.putArray("supportedInterfaces").addObject().put("url", url).put("protocolBinding", "JSONRPC")
                .put("tenant", "").put("protocolVersion", "1.0");
        ObjectNode capabilities = card.putObject("capabilities").put("streaming", streaming).put("pushNotifications", false);
        capabilities.putArray("extensions").add(io.lode.identity.IdentityExtension.of(d.publicKey()));
        card.putObject("securitySchemes");
        card.putArray("securityRequirements");
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain");
        ArrayNode skills = card.putArray("skills");
        for (SkillCard s : d.skills()) {
            ObjectNode skill = skills.addObject().put("id", s.id()).put("name", s.name())
                    .put("description", s.description());
            s.tags().forEach(skill.putArray("tags")::add);
            s.examples().forEach(skill.putArray("examples")::add);
        }
        return card;
    }

    private void rpc(HttpExchange exchange, UnaryOperator<String> skill) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, error(null, -32600, "use POST"));
            return;
        }
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            if (body.length > MAX_REQUEST_BYTES) {
                send(exchange, 413, error(null, -32600, "request too large"));
                return;
            }
            request = JSON.readTree(body);
        } catch (IOException e) {
            send(exchange, 200, error(null, -32700, "parse error"));
            return;
        }
        if (received.size() < RECEIVED_KEPT) {
            received.add(new ReceivedRequest(exchange.getRemoteAddress().getAddress().getHostAddress(),
                    Map.copyOf(exchange.getRequestHeaders()), request, java.time.Instant.now()));
        }
        if (misbehaviour != Misbehaviour.NONE && (always || request.toString().contains(TRIGGER))) {
            misbehave(exchange, request, skill);
            return;
        }
        if (isStreaming(request)) {
            List<ObjectNode> events = streamEvents(request, skill.apply(text(request)), request.get("id"));
            java.util.Iterator<ObjectNode> rest = events.subList(2, events.size()).iterator();
            Runnable pause = betweenChunks;
            boolean[] paused = {false};
            // the task and the answer's first half, then (once the pause lets it) the second half and the end
            stream(exchange, events.subList(0, 2), () -> {
                if (!paused[0]) {
                    paused[0] = true;
                    pause.run();
                }
                return rest.hasNext() ? rest.next() : null;
            });
            return;
        }
        send(exchange, 200, reply(request, skill));
    }

    private void misbehave(HttpExchange exchange, JsonNode request, UnaryOperator<String> skill) throws IOException {
        JsonNode id = request.get("id");
        switch (misbehaviour) {
            case STREAM_DRIP -> stream(exchange, streamEvents(request, "tick ", id).subList(0, 2),
                    () -> awaitClose(300) ? null : streamEvents(request, "tick ", id).get(2));
            case STREAM_OVERSIZED -> {
                ObjectNode chunk = streamEvents(request, "a".repeat(64 * 1024), id).get(2);
                int[] sent = {0};
                stream(exchange, streamEvents(request, "", id).subList(0, 1),
                        () -> (sent[0] += 64 * 1024) <= OVERSIZED_BYTES ? chunk : null);
            }
            case STREAM_WRONG_ID -> stream(exchange, streamEvents(request, "an answer to someone else",
                    JSON.getNodeFactory().numberNode(id.asLong() + 1_000)), null);
            case STREAM_UNFINISHED -> {
                List<ObjectNode> events = streamEvents(request, skill.apply(text(request)), id);
                stream(exchange, events.subList(0, events.size() - 1), null);
            }
            case HTTP_500 -> send(exchange, 500, error(id, -32603, "internal error"));
            case NOT_JSON_RPC -> send(exchange, 200, JSON.createObjectNode().put("hello", "world"));
            case NUL_ANSWER -> send(exchange, 200, reply(request, text -> "echo: \u0000" + text));
            case WRONG_ID -> {
                ObjectNode reply = reply(request, text -> "an answer to someone else");
                reply.put("id", id.asLong() + 1_000);
                send(exchange, 200, reply);
            }
            case OVERSIZED -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{\"message\":{\"parts\":[{\"text\":\"")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
                    for (int written = 0; written < OVERSIZED_BYTES; written += chunk.length) {
                        out.write(chunk);
                    }
                    out.write("\"}]}}}".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the caller stopped reading at its size cap, as it should
                }
            }
            case DRIP -> {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    while (!awaitClose(500)) {
                        out.write(' ');
                        out.flush();
                    }
                } catch (IOException e) {
                    // the caller gave up, as it should
                }
            }
            case HANG -> {
                awaitClose(Long.MAX_VALUE);
                exchange.close();
            }
            case NONE -> throw new IllegalStateException("not misbehaving");
        }
    }

    private static boolean isStreaming(JsonNode request) {
        String method = request.path("method").asText();
        return method.equals("SendStreamingMessage") || method.equals("message/stream");
    }

    /**
     * The answer to a streaming request as its events: the task (working), the answer in two artifact chunks, the
     * task completed — in the shapes of the request's protocol version (v0.3 tags each with a kind).
     */
    static List<ObjectNode> streamEvents(JsonNode request, String answer, JsonNode id) {
        boolean legacy = request.path("method").asText().equals("message/stream");
        String taskId = UUID.randomUUID().toString();
        String contextId = UUID.randomUUID().toString();
        int half = answer.length() / 2;
        ObjectNode task = JSON.createObjectNode().put("id", taskId).put("contextId", contextId);
        task.putObject("status").put("state", legacy ? "working" : "TASK_STATE_WORKING");
        ObjectNode first = artifactUpdate(taskId, contextId, answer.substring(0, half), false, legacy);
        ObjectNode second = artifactUpdate(taskId, contextId, answer.substring(half), true, legacy);
        ObjectNode done = JSON.createObjectNode().put("taskId", taskId).put("contextId", contextId);
        done.putObject("status").put("state", legacy ? "completed" : "TASK_STATE_COMPLETED");
        if (legacy) {
            done.put("final", true);
        }
        return List.of(streamReply(id, "task", "task", task, legacy),
                streamReply(id, "artifactUpdate", "artifact-update", first, legacy),
                streamReply(id, "artifactUpdate", "artifact-update", second, legacy),
                streamReply(id, "statusUpdate", "status-update", done, legacy));
    }

    private static ObjectNode artifactUpdate(String taskId, String contextId, String text, boolean append,
                                             boolean legacy) {
        ObjectNode update = JSON.createObjectNode().put("taskId", taskId).put("contextId", contextId)
                .put("append", append).put("lastChunk", append);
        ObjectNode part = update.putObject("artifact").put("artifactId", "answer").putArray("parts").addObject();
        if (legacy) {
            part.put("kind", "text");
        }
        part.put("text", text);
        return update;
    }

    private static ObjectNode streamReply(JsonNode id, String v1Field, String v03Kind, ObjectNode payload,
                                          boolean legacy) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        if (legacy) {
            payload.put("kind", v03Kind);
            reply.set("result", payload);
        } else {
            reply.putObject("result").set(v1Field, payload);
        }
        return reply;
    }

    /**
     * Sends {@code events} as Server-Sent Events, then those {@code more} (if any) supplies until it gives null, or
     * until the caller goes away.
     */
    private static void stream(HttpExchange exchange, List<ObjectNode> events, Supplier<ObjectNode> more)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (ObjectNode event : events) {
                writeEvent(out, event);
            }
            for (ObjectNode event = more == null ? null : more.get(); event != null; event = more.get()) {
                writeEvent(out, event);
            }
        } catch (IOException e) {
            // the caller gave up (its deadline or size cap), as it should
        }
    }

    private static void writeEvent(OutputStream out, JsonNode event) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The {@code data} objects of the message's data parts (v1.0 {@code {"data":…}}, v0.3 {@code {"kind":"data",…}}). */
    private static List<JsonNode> dataParts(JsonNode request) {
        List<JsonNode> data = new java.util.ArrayList<>();
        for (JsonNode part : request.path("params").path("message").path("parts")) {
            if (part.path("data").isObject()) {
                data.add(part.get("data"));
            }
        }
        return data;
    }

    private static String text(JsonNode request) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : request.path("params").path("message").path("parts")) {
            if (part.hasNonNull("text")) {
                text.append(part.get("text").asText());
            }
        }
        return text.toString();
    }

    /** Waits up to {@code millis} for the server to close; true if it did. */
    private boolean awaitClose(long millis) {
        try {
            return closed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The JSON-RPC reply to one request, in the protocol version of its method. */
    static ObjectNode reply(JsonNode request, UnaryOperator<String> skill) {
        JsonNode id = request.get("id");
        String method = request.path("method").asText();
        boolean legacy = method.equals("message/send");
        if (!legacy && !method.equals("SendMessage")) {
            return error(id, -32601, "Method not found: " + method);
        }
        String text = text(request);
        if (text.isEmpty()) {
            return error(id, -32602, "message has no text part");
        }
        PartsSkill.Answer answer = skill instanceof PartsSkill parts
                ? parts.answer(text, dataParts(request)).orElseGet(() -> new PartsSkill.Answer(skill.apply(text), null))
                : new PartsSkill.Answer(skill.apply(text), null);
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        ObjectNode message = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString())
                .put("contextId", UUID.randomUUID().toString());
        if (legacy) {
            message.put("kind", "message").put("role", "agent");
            var parts = message.putArray("parts");
            parts.addObject().put("kind", "text").put("text", answer.text());
            if (answer.data() != null) {
                parts.addObject().put("kind", "data").set("data", answer.data());
            }
            reply.set("result", message);
        } else {
            message.put("role", "ROLE_AGENT");
            var parts = message.putArray("parts");
            parts.addObject().put("text", answer.text()).put("mediaType", "text/plain");
            if (answer.data() != null) {
                ObjectNode data = parts.addObject();
                data.set("data", answer.data());
                data.put("mediaType", "application/json");
            }
            reply.putObject("result").set("message", message);
        }
        return reply;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode reply = JSON.createObjectNode().put("jsonrpc", "2.0");
        reply.set("id", id);
        reply.putObject("error").put("code", code).put("message", message);
        return reply;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
