package io.lode.a2a;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The A2A JSON-RPC wire format for sending one text message, in both protocol versions an agent card can
 * name: v1.0 ({@code SendMessage}, roles {@code ROLE_USER}) and v0.3 ({@code message/send}, parts with
 * {@code kind}), each also streaming ({@code SendStreamingMessage}, {@code message/stream}; the orchestrator reads their event streams).
 * Pure functions, so the shapes are unit-tested against the official SDK's fixtures.
 */
public final class A2aMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private A2aMessages() {
    }

    public static boolean isLegacy(String protocolVersion) {
        return protocolVersion != null && protocolVersion.startsWith("0.");
    }

    public static ObjectNode sendMessage(String protocolVersion, boolean streaming, long requestId, String text) {
        return sendMessage(protocolVersion, streaming, requestId, text, null);
    }

    /**
     * The message with, when {@code data} is not null, a data part after the text part: v1.0
     * {@code {"data":…,"mediaType":"application/json"}}, v0.3 {@code {"kind":"data","data":…}}.
     */
    public static ObjectNode sendMessage(String protocolVersion, boolean streaming, long requestId, String text,
                                         JsonNode data) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", requestId);
        ObjectNode message = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString());
        ObjectNode part = JSON.createObjectNode();
        if (isLegacy(protocolVersion)) {
            request.put("method", streaming ? "message/stream" : "message/send");
            message.put("kind", "message").put("role", "user");
            part.put("kind", "text").put("text", text);
        } else {
            request.put("method", streaming ? "SendStreamingMessage" : "SendMessage");
            message.put("role", "ROLE_USER");
            part.put("text", text);
        }
        var parts = message.putArray("parts").add(part);
        if (data != null) {
            ObjectNode dataPart = parts.addObject();
            if (isLegacy(protocolVersion)) {
                dataPart.put("kind", "data").set("data", data);
            } else {
                dataPart.set("data", data);
                dataPart.put("mediaType", "application/json");
            }
        }
        request.putObject("params").set("message", message);
        return request;
    }

    /**
     * The agent's text answer from a JSON-RPC reply: a message's text parts, or a completed task's artifact
     * text parts. Throws {@link A2aException} for a JSON-RPC error or a reply without text.
     */
    public static String answerText(JsonNode reply) {
        JsonNode result = result(reply);
        JsonNode message = payload(result, "message", "message");
        JsonNode task = payload(result, "task", "task");
        String answer = "";
        if (message != null) {
            answer = messageText(message);
        } else if (task != null) {
            String state = task.path("status").path("state").asText();
            if (!state.isEmpty() && !isCompleted(state)) {
                throw new A2aException("agent task ended in state " + state);
            }
            List<String> artifacts = new ArrayList<>();
            for (JsonNode artifact : task.path("artifacts")) {
                artifacts.add(artifactText(artifact));
            }
            answer = String.join("\n", artifacts);
            if (answer.isEmpty()) {
                answer = messageText(task.path("status").path("message"));
            }
        }
        if (answer.isEmpty()) {
            throw new A2aException("reply carries no text part");
        }
        return answer;
    }

    /** The result of a JSON-RPC reply; a JSON-RPC error, or neither, is an {@link A2aException}. */
    public static JsonNode result(JsonNode reply) {
        if (reply.has("error")) {
            JsonNode error = reply.get("error");
            throw new A2aException("agent returned JSON-RPC error " + error.path("code").asText() + ": "
                    + error.path("message").asText());
        }
        JsonNode result = reply.path("result");
        if (result.isMissingNode()) {
            throw new A2aException("reply has neither result nor error");
        }
        return result;
    }

    /** One kind of result: v1.0 wraps it in a field ({@code {"task": …}}), v0.3 tags it ({@code "kind":"task"}). */
    public static JsonNode payload(JsonNode result, String v1Field, String v03Kind) {
        return result.has(v1Field) ? result.get(v1Field) : v03Kind.equals(result.path("kind").asText()) ? result : null;
    }

    public static boolean isCompleted(String state) {
        return state.equals("TASK_STATE_COMPLETED") || state.equals("completed");
    }

    /** A message's text and data parts, one a line. */
    public static String messageText(JsonNode message) {
        return partsText(message.path("parts"), "\n");
    }

    /** An artifact's text parts run on: streamed artifacts arrive as chunks appended to the parts. */
    public static String artifactText(JsonNode artifact) {
        return partsText(artifact.path("parts"), "");
    }

    /**
     * Text parts joined by {@code textSeparator}; a data part as its JSON on a line of its own (a judge's
     * {@code {"score":…}}, an agent's structured answer): kept rather than dropped, never run into the text beside it.
     */
    private static String partsText(JsonNode parts, String textSeparator) {
        StringBuilder text = new StringBuilder();
        boolean afterData = false;
        for (JsonNode part : parts) {
            boolean data = !part.hasNonNull("text") && part.get("data") != null && part.get("data").isContainerNode();
            if (!data && !part.hasNonNull("text")) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(data || afterData ? "\n" : textSeparator);
            }
            text.append(data ? part.get("data").toString() : part.get("text").asText());
            afterData = data;
        }
        return text.toString();
    }

    /** A reply that is not a usable answer. */
    public static final class A2aException extends RuntimeException {
        public A2aException(String message) {
            super(message);
        }
    }
}
