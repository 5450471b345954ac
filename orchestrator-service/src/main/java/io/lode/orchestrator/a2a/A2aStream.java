package io.lode.orchestrator.a2a;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lode.a2a.A2aMessages;

/**
 * The answer of a streaming call ({@code SendStreamingMessage}, v0.3 {@code message/stream}), built from its SSE
 * events as they arrive. Each event is a JSON-RPC reply to our request whose result is a message (the whole
 * answer), a task, a status update or an artifact update — v1.0 names the kind by field ({@code artifactUpdate}),
 * v0.3 by {@code kind} ({@code artifact-update}). Text that artifact updates add is passed to the partial-answer
 * consumer as it comes; the answer is the message, or the task's artifacts once its status is completed. A failed,
 * rejected or canceled task, or one that wants input we cannot give, fails the call at once.
 */
final class A2aStream {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNANSWERED = Set.of("TASK_STATE_FAILED", "failed", "TASK_STATE_REJECTED",
            "rejected", "TASK_STATE_CANCELED", "canceled", "TASK_STATE_INPUT_REQUIRED", "input-required",
            "TASK_STATE_AUTH_REQUIRED", "auth-required");

    private final long requestId;
    private final Consumer<String> partials;
    private final Map<String, StringBuilder> artifacts = new LinkedHashMap<>();
    private String message;
    private String state = "";
    private String statusText = "";

    /** {@code partials} sees each piece of text as it arrives, on the thread that reads the reply. */
    A2aStream(long requestId, Consumer<String> partials) {
        this.requestId = requestId;
        this.partials = partials;
    }

    /** The data of one SSE event. */
    void accept(String data) {
        if (message != null) {
            throw new A2aMessages.A2aException("agent sent events after its answer message");
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(data);
        } catch (IOException e) {
            throw new A2aMessages.A2aException("stream event is not JSON: "
                    + data.substring(0, Math.min(data.length(), 80)));
        }
        if (reply == null || !reply.isObject()) {
            throw new A2aMessages.A2aException("stream event is not a JSON-RPC reply");
        }
        // Events of another request (another task's, or a replayed one) are not this task's answer.
        if (!reply.path("id").isIntegralNumber() || reply.path("id").asLong() != requestId) {
            throw new A2aMessages.A2aException("stream event answers JSON-RPC request " + reply.path("id")
                    + ", not " + requestId);
        }
        JsonNode result = A2aMessages.result(reply);
        JsonNode found;
        if ((found = A2aMessages.payload(result, "message", "message")) != null) {
            message = A2aMessages.messageText(found);
        } else if ((found = A2aMessages.payload(result, "task", "task")) != null) {
            artifacts.clear();
            for (JsonNode artifact : found.path("artifacts")) {
                artifacts.put(artifact.path("artifactId").asText(), new StringBuilder(A2aMessages.artifactText(artifact)));
            }
            status(found.path("status"));
        } else if ((found = A2aMessages.payload(result, "artifactUpdate", "artifact-update")) != null) {
            artifactUpdate(found);
        } else if ((found = A2aMessages.payload(result, "statusUpdate", "status-update")) != null) {
            status(found.path("status"));
        } else {
            throw new A2aMessages.A2aException("stream event is neither message, task, status nor artifact update");
        }
    }

    private void artifactUpdate(JsonNode update) {
        JsonNode artifact = update.path("artifact");
        String text = A2aMessages.artifactText(artifact);
        StringBuilder known = artifacts.get(artifact.path("artifactId").asText());
        if (known != null && update.path("append").asBoolean(false)) {
            known.append(text);
        } else {
            artifacts.put(artifact.path("artifactId").asText(), new StringBuilder(text));
        }
        if (!text.isEmpty()) {
            partials.accept(text);
        }
    }

    private void status(JsonNode status) {
        state = status.path("state").asText();
        String text = A2aMessages.messageText(status.path("message"));
        if (!text.isEmpty()) {
            statusText = text;
        }
        if (UNANSWERED.contains(state)) {
            throw new A2aMessages.A2aException("agent task ended in state " + state
                    + (statusText.isEmpty() ? "" : ": " + statusText.substring(0, Math.min(statusText.length(), 200))));
        }
    }

    /** The answer once the stream ended: the message, or the completed task's artifacts (else its status text). */
    String answer() {
        if (message != null) {
            if (message.isEmpty()) {
                throw new A2aMessages.A2aException("reply carries no text part");
            }
            return message;
        }
        if (!A2aMessages.isCompleted(state)) {
            throw new A2aMessages.A2aException("stream ended before the agent's task completed"
                    + (state.isEmpty() ? "" : " (last state " + state + ")"));
        }
        String answer = String.join("\n", artifacts.values());
        if (answer.isEmpty()) {
            answer = statusText;
        }
        if (answer.isEmpty()) {
            throw new A2aMessages.A2aException("reply carries no text part");
        }
        return answer;
    }
}
