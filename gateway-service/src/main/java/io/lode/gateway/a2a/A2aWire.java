package io.lode.gateway.a2a;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The network's tasks in the A2A wire format, both versions: v1.0 (methods {@code SendMessage}…, states
 * {@code TASK_STATE_COMPLETED}, parts {@code {"text":…}}, stream results wrapped in a field) and v0.3 (methods
 * {@code message/send}…, states {@code completed}, parts with {@code kind}, stream results tagged with {@code kind}).
 * Pure functions over the public API's task JSON, so every shape is unit-tested.
 */
public final class A2aWire {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The v0.3 method names and the v1.0 method each one is. */
    private static final Map<String, String> LEGACY_METHODS = Map.ofEntries(
            Map.entry("message/send", "SendMessage"), Map.entry("message/stream", "SendStreamingMessage"),
            Map.entry("tasks/get", "GetTask"), Map.entry("tasks/list", "ListTasks"),
            Map.entry("tasks/cancel", "CancelTask"), Map.entry("tasks/resubscribe", "SubscribeToTask"),
            Map.entry("agent/getAuthenticatedExtendedCard", "GetExtendedAgentCard"),
            Map.entry("tasks/pushNotificationConfig/set", "CreateTaskPushNotificationConfig"),
            Map.entry("tasks/pushNotificationConfig/get", "GetTaskPushNotificationConfig"),
            Map.entry("tasks/pushNotificationConfig/list", "ListTaskPushNotificationConfigs"),
            Map.entry("tasks/pushNotificationConfig/delete", "DeleteTaskPushNotificationConfig"));

    /** The artifact that carries a task's answer: partial chunks are appended to it, the verified answer replaces it. */
    static final String ANSWER = "answer";

    private A2aWire() {
    }

    /** Whether a method name is v0.3's (they all have a slash; v1.0's none). */
    public static boolean isLegacy(String method) {
        return LEGACY_METHODS.containsKey(method);
    }

    /** The v1.0 name of a method of either version; an unknown name comes back as it is. */
    public static String canonical(String method) {
        return LEGACY_METHODS.getOrDefault(method, method);
    }

    /**
     * The A2A state of a task's status. HELD is completed: the answer is the consumer's and its fee is held for review
     * (a panel's FAIL later refunds it and the task reads failed); ESCROWED, DISPATCHED and RESULT_RECEIVED are work in
     * progress, EXPIRED is a failure.
     */
    /** Every status a Lode task can be in, for {@link #statusesOf}. */
    private static final List<String> LODE_STATUSES = List.of("SUBMITTED", "ESCROWED", "DISPATCHED", "RESULT_RECEIVED",
            "HELD", "COMPLETED", "FAILED", "CANCELED", "EXPIRED");
    private static final java.util.Set<String> A2A_STATES = java.util.Set.of("SUBMITTED", "WORKING", "INPUT_REQUIRED",
            "COMPLETED", "CANCELED", "FAILED", "REJECTED", "AUTH_REQUIRED", "UNKNOWN");

    /**
     * The Lode statuses an A2A task state filter means ({@link #state} read backwards): empty for a state no Lode task
     * is ever in (input-required, rejected…); an unknown state is invalid params.
     */
    public static List<String> statusesOf(String a2aState, boolean legacy) {
        String name = legacy ? a2aState.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
                : a2aState.startsWith("TASK_STATE_") ? a2aState.substring("TASK_STATE_".length()) : "";
        if (!A2A_STATES.contains(name)) {
            throw Submission.invalid("params.status: not a task state: " + a2aState);
        }
        return LODE_STATUSES.stream().filter(status -> state(status, false).equals("TASK_STATE_" + name)).toList();
    }

    public static String state(String lodeStatus, boolean legacy) {
        String state = switch (lodeStatus) {
            case "SUBMITTED" -> "SUBMITTED";
            case "HELD", "COMPLETED" -> "COMPLETED";
            case "FAILED", "EXPIRED" -> "FAILED";
            case "CANCELED" -> "CANCELED";
            default -> "WORKING";
        };
        return legacy ? state.toLowerCase(java.util.Locale.ROOT) : "TASK_STATE_" + state;
    }

    /** Whether the task is where a caller stops waiting: ended, or answered and held. */
    public static boolean isDecided(String lodeStatus) {
        return switch (lodeStatus) {
            case "HELD", "COMPLETED", "FAILED", "EXPIRED", "CANCELED" -> true;
            default -> false;
        };
    }

    /**
     * A task of the public API ({@code GET /v1/tasks/{id}}) as an A2A task: the input as the history's user message, the
     * answer as the {@value #ANSWER} artifact (its text, then a data part with the agent, the verdict with its receipt,
     * the fee and the hold), a failure's reason as the status message, the network's own status in the metadata.
     */
    public static ObjectNode task(JsonNode lode, String contextId, boolean legacy, boolean withArtifacts) {
        String taskId = lode.path("taskId").asText();
        ObjectNode task = NODES.objectNode();
        if (legacy) {
            task.put("kind", "task");
        }
        task.put("id", taskId).put("contextId", contextId);
        task.set("status", status(lode, taskId, contextId, legacy));
        ArrayNode artifacts = task.putArray("artifacts");
        if (withArtifacts && lode.path("result").hasNonNull("output")) {
            artifacts.add(answer(lode, legacy));
        }
        if (lode.hasNonNull("input")) {
            ObjectNode input = message("input-" + taskId, taskId, contextId, false, legacy);
            input.withArray("parts").add(text(lode.path("input").asText(), null, legacy));
            task.putArray("history").add(input);
        }
        task.putObject("metadata").set("lode", facts(lode));
        return task;
    }

    /** The task's status: its state, when it last changed and, for a failure, a hold or a cancel, why. */
    static ObjectNode status(JsonNode lode, String taskId, String contextId, boolean legacy) {
        String lodeStatus = lode.path("status").asText();
        ObjectNode status = NODES.objectNode().put("state", state(lodeStatus, legacy));
        if (lode.hasNonNull("updatedAt")) {
            status.put("timestamp", lode.path("updatedAt").asText());
        }
        String why = switch (lodeStatus) {
            case "FAILED", "EXPIRED", "CANCELED" -> lode.path("reason").asText(lodeStatus.toLowerCase(java.util.Locale.ROOT));
            case "HELD" -> "answered; the fee is held for review until " + lode.at("/hold/until").asText()
                    + " (dispute it with POST /v1/tasks/" + taskId + "/dispute before then)";
            default -> null;
        };
        if (why != null && !why.isEmpty()) {
            ObjectNode message = message("status-" + taskId + "-" + lodeStatus, taskId, contextId, true, legacy);
            message.withArray("parts").add(text(why, null, legacy));
            status.set("message", message);
        }
        return status;
    }

    /** The verified answer: its text and a data part with what makes it checkable and what it cost. */
    static ObjectNode answer(JsonNode lode, boolean legacy) {
        ObjectNode artifact = NODES.objectNode().put("artifactId", ANSWER).put("name", ANSWER);
        ArrayNode parts = artifact.putArray("parts");
        JsonNode result = lode.path("result");
        parts.add(text(result.path("output").asText(), result.path("mediaType").asText(null), legacy));
        parts.add(data(facts(lode), legacy));
        return artifact;
    }

    /** A chunk of the answer as the agent streams it. */
    static ObjectNode partial(String taskId, String contextId, String chunk, boolean append, boolean legacy) {
        ObjectNode artifact = NODES.objectNode().put("artifactId", ANSWER).put("name", ANSWER);
        artifact.putArray("parts").add(text(chunk, null, legacy));
        return artifactUpdate(taskId, contextId, artifact, append, false, legacy);
    }

    static ObjectNode artifactUpdate(String taskId, String contextId, ObjectNode artifact, boolean append,
                                     boolean lastChunk, boolean legacy) {
        ObjectNode update = NODES.objectNode();
        if (legacy) {
            update.put("kind", "artifact-update");
        }
        update.put("taskId", taskId).put("contextId", contextId).put("append", append).put("lastChunk", lastChunk);
        update.set("artifact", artifact);
        return legacy ? update : wrap("artifactUpdate", update);
    }

    /** A status change; {@code last}: the stream's final event (v0.3 says so with {@code final}). */
    static ObjectNode statusUpdate(String taskId, String contextId, ObjectNode status, boolean last, boolean legacy) {
        ObjectNode update = NODES.objectNode();
        if (legacy) {
            update.put("kind", "status-update");
        }
        update.put("taskId", taskId).put("contextId", contextId);
        update.set("status", status);
        if (legacy) {
            update.put("final", last);
        }
        return legacy ? update : wrap("statusUpdate", update);
    }

    /** A task as the result of a send or the first event of a stream: v1.0 wraps it ({@code {"task":…}}). */
    static ObjectNode taskResult(ObjectNode task, boolean legacy) {
        return legacy ? task : wrap("task", task);
    }

    /** Who answered, the verdict with its signed receipt, the fee and the hold: the facts a caller can check. */
    static ObjectNode facts(JsonNode lode) {
        ObjectNode facts = NODES.objectNode().put("taskId", lode.path("taskId").asText())
                .put("status", lode.path("status").asText());
        copy(lode, "skill", facts);
        if (lode.path("result").hasNonNull("agentId")) {
            facts.put("agentId", lode.at("/result/agentId").asText());
        }
        for (String field : new String[] {"verdict", "fee", "hold", "reason"}) {
            copy(lode, field, facts);
        }
        return facts;
    }

    private static void copy(JsonNode from, String field, ObjectNode to) {
        if (from.hasNonNull(field)) {
            to.set(field, from.get(field));
        }
    }

    private static ObjectNode wrap(String field, ObjectNode value) {
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set(field, value);
        return wrapped;
    }

    private static ObjectNode message(String messageId, String taskId, String contextId, boolean agent, boolean legacy) {
        ObjectNode message = NODES.objectNode();
        if (legacy) {
            message.put("kind", "message").put("role", agent ? "agent" : "user");
        } else {
            message.put("role", agent ? "ROLE_AGENT" : "ROLE_USER");
        }
        message.put("messageId", messageId).put("taskId", taskId).put("contextId", contextId);
        message.putArray("parts");
        return message;
    }

    private static ObjectNode text(String text, String mediaType, boolean legacy) {
        ObjectNode part = NODES.objectNode();
        if (legacy) {
            part.put("kind", "text").put("text", text);
        } else {
            part.put("text", text).put("mediaType", mediaType == null || mediaType.isEmpty() ? "text/plain" : mediaType);
        }
        return part;
    }

    private static ObjectNode data(JsonNode data, boolean legacy) {
        ObjectNode part = NODES.objectNode();
        if (legacy) {
            part.put("kind", "data").set("data", data);
        } else {
            part.set("data", data);
            part.put("mediaType", "application/json");
        }
        return part;
    }
}
