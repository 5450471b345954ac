package io.lode.gateway.a2a;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an A2A {@code SendMessage} asks of the network: the message's text as the task's input, the task's options
 * from the request's {@code metadata} ({@code skill}, {@code maxPrice}, {@code redundancy}, {@code deadlineMs},
 * {@code excludeAgents}, as
 * {@code POST /v1/tasks} takes them), the conversation it belongs to, and whether the caller waits for the verdict.
 * The message id makes a resend the same task ({@code Idempotency-Key}); {@code push}: a webhook for its updates.
 */
public record Submission(ObjectNode body, String messageId, String contextId, boolean returnImmediately,
                         PushRequest push) {

    /** Ids a client chooses: printable, bounded, so they are safe to store, index and echo. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:~-]{1,128}");

    public static Submission of(JsonNode params, boolean legacy) {
        JsonNode message = params.path("message");
        if (!message.isObject()) {
            throw invalid("params.message is required");
        }
        if (message.hasNonNull("taskId") && !message.path("taskId").asText().isEmpty()) {
            throw new JsonRpcError(JsonRpcError.UNSUPPORTED_OPERATION, "a Lode task takes one message and asks for no "
                    + "more input: send a new message (with the same contextId to keep the conversation)");
        }
        String messageId = id(message.path("messageId"), "message.messageId", true);
        String contextId = id(message.path("contextId"), "message.contextId", false);
        List<String> texts = new ArrayList<>();
        for (JsonNode part : message.path("parts")) {
            boolean isText = legacy ? "text".equals(part.path("kind").asText()) : part.has("text");
            if (isText && part.path("text").isTextual()) {
                texts.add(part.path("text").asText());
            } else if (part.has("file") || part.has("raw") || part.has("url") || "file".equals(part.path("kind").asText())) {
                throw new JsonRpcError(-32005, "the network takes text: a file part cannot be a task's input");
            }
        }
        String input = String.join("\n", texts);
        if (input.isBlank()) {
            throw invalid("the message has no text part: a task's input is its text");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("input", input);
        JsonNode metadata = params.path("metadata").isObject() ? params.path("metadata") : message.path("metadata");
        if (metadata.has("skill")) {
            if (!metadata.path("skill").isTextual()) {
                throw invalid("metadata.skill must be a string");
            }
            body.put("skill", metadata.path("skill").asText());
        }
        for (String number : new String[] {"maxPrice", "redundancy", "deadlineMs"}) {
            if (metadata.has(number)) {
                if (!metadata.path(number).canConvertToLong() || !metadata.path(number).isIntegralNumber()) {
                    throw invalid("metadata." + number + " must be a whole number");
                }
                body.put(number, metadata.path(number).asLong());
            }
        }
        if (metadata.has("excludeAgents")) {
            JsonNode excluded = metadata.path("excludeAgents");
            boolean ids = excluded.isArray();
            for (JsonNode id : excluded) {
                ids &= id.isTextual();
            }
            if (!ids) {
                throw invalid("metadata.excludeAgents must be an array of agent ids");
            }
            body.set("excludeAgents", excluded.deepCopy()); // the network checks the ids and their number
        }
        JsonNode configuration = params.path("configuration");
        boolean returnImmediately = legacy ? configuration.path("blocking").isBoolean()
                && !configuration.path("blocking").asBoolean() : configuration.path("returnImmediately").asBoolean(false);
        JsonNode webhook = configuration.path(legacy ? "pushNotificationConfig" : "taskPushNotificationConfig");
        PushRequest push = webhook.isObject() ? PushRequest.of(webhook, legacy, "message-" + messageId) : null;
        return new Submission(body, messageId, contextId == null ? UUID.randomUUID().toString() : contextId,
                returnImmediately, push);
    }

    /** A client-chosen id, or null when absent and optional. */
    static String id(JsonNode value, String name, boolean required) {
        if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
            if (required) {
                throw invalid(name + " is required");
            }
            return null;
        }
        if (!value.isTextual() || !ID.matcher(value.asText()).matches()) {
            throw invalid(name + " must be 1 to 128 letters, digits or . _ : ~ -");
        }
        return value.asText();
    }

    static JsonRpcError invalid(String message) {
        return new JsonRpcError(JsonRpcError.INVALID_PARAMS, message);
    }
}
