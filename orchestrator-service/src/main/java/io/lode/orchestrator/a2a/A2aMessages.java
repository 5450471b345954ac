package io.lode.orchestrator.a2a;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The A2A JSON-RPC wire format for sending one text message, in both protocol versions an agent card can
 * name: v1.0 ({@code SendMessage}, roles {@code ROLE_USER}) and v0.3 ({@code message/send}, parts with
 * {@code kind}). Pure functions, so the shapes are unit-tested against the official SDK's fixtures.
 */
public final class A2aMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private A2aMessages() {
    }

    public static boolean isLegacy(String protocolVersion) {
        return protocolVersion != null && protocolVersion.startsWith("0.");
    }

    public static ObjectNode sendMessage(String protocolVersion, long requestId, String text) {
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", requestId);
        ObjectNode message = JSON.createObjectNode().put("messageId", UUID.randomUUID().toString());
        ObjectNode part = JSON.createObjectNode();
        if (isLegacy(protocolVersion)) {
            request.put("method", "message/send");
            message.put("kind", "message").put("role", "user");
            part.put("kind", "text").put("text", text);
        } else {
            request.put("method", "SendMessage");
            message.put("role", "ROLE_USER");
            part.put("text", text);
        }
        message.putArray("parts").add(part);
        request.putObject("params").set("message", message);
        return request;
    }

    /**
     * The agent's text answer from a JSON-RPC reply: a message's text parts, or a completed task's artifact
     * text parts. Throws {@link A2aException} for a JSON-RPC error or a reply without text.
     */
    public static String answerText(JsonNode reply) {
        if (reply.has("error")) {
            JsonNode error = reply.get("error");
            throw new A2aException("agent returned JSON-RPC error " + error.path("code").asText() + ": "
                    + error.path("message").asText());
        }
        JsonNode result = reply.path("result");
        if (result.isMissingNode()) {
            throw new A2aException("reply has neither result nor error");
        }
        List<String> texts = new ArrayList<>();
        JsonNode message = result.has("message") ? result.get("message")
                : "message".equals(result.path("kind").asText()) ? result : null;
        JsonNode task = result.has("task") ? result.get("task")
                : "task".equals(result.path("kind").asText()) ? result : null;
        if (message != null) {
            collectText(message.path("parts"), texts);
        } else if (task != null) {
            String state = task.path("status").path("state").asText();
            if (!state.isEmpty() && !state.equals("TASK_STATE_COMPLETED") && !state.equals("completed")) {
                throw new A2aException("agent task ended in state " + state);
            }
            for (JsonNode artifact : task.path("artifacts")) {
                collectText(artifact.path("parts"), texts);
            }
            if (texts.isEmpty()) {
                collectText(task.path("status").path("message").path("parts"), texts);
            }
        }
        if (texts.isEmpty()) {
            throw new A2aException("reply carries no text part");
        }
        return String.join("\n", texts);
    }

    private static void collectText(JsonNode parts, List<String> texts) {
        for (JsonNode part : parts) {
            if (part.hasNonNull("text")) {
                texts.add(part.get("text").asText());
            }
        }
    }

    /** A reply that is not a usable answer. */
    public static final class A2aException extends RuntimeException {
        public A2aException(String message) {
            super(message);
        }
    }
}
