package io.lode.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A verdict's receipt as a consumer is shown it: every field the verifier signed beside the signature, so that
 * anyone holding only the verifier's published keys ({@code GET /v1/verifier/keys}) can check that this verdict on
 * this answer was issued and not altered — the task view, the A2A data part and the MCP {@code verify_receipt} tool
 * all carry this one shape. {@code taskId} is the task the verifier judged (a redundant task's call for its calls).
 */
public record PublicReceipt(String format, String taskId, String agentId, String requestDigest, String responseDigest,
                            String verdict, double score, String method, long price, long signedAtMicros,
                            String panelDigest, String verifierKey, String signature) {

    /** The text the signature covers, in the receipt's own format. */
    public String signedText() {
        return switch (format) {
            case VerdictReceipts.V3 -> VerdictReceipts.text(taskId, agentId, requestDigest, responseDigest, verdict,
                    score, method, price, signedAtMicros, panelDigest);
            case VerdictReceipts.V2 -> VerdictReceipts.text(taskId, agentId, requestDigest, responseDigest, verdict,
                    score, method, price, signedAtMicros);
            case VerdictReceipts.V1 -> VerdictReceipts.text(taskId, agentId, requestDigest, responseDigest, verdict,
                    score, method);
            default -> throw new IllegalArgumentException("unknown receipt format " + format);
        };
    }

    /** Why the receipt does not hold against the verifier's keys, or empty if it does. */
    public Optional<String> problem(VerifierKeyring keys) {
        String text;
        try {
            text = signedText();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return keys.problem(verifierKey, Instant.EPOCH.plus(signedAtMicros, ChronoUnit.MICROS), text, signature);
    }

    public ObjectNode toJson() {
        return JsonNodeFactory.instance.objectNode().put("format", format).put("taskId", taskId).put("agentId", agentId)
                .put("requestDigest", requestDigest).put("responseDigest", responseDigest).put("verdict", verdict)
                .put("score", score).put("method", method).put("price", price).put("signedAtMicros", signedAtMicros)
                .put("panelDigest", panelDigest).put("verifierKey", verifierKey).put("signature", signature);
    }

    /** A receipt as {@link #toJson} writes it; IllegalArgumentException naming the first field missing. */
    public static PublicReceipt parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a receipt is a JSON object");
        }
        return new PublicReceipt(text(json, "format"), text(json, "taskId"), text(json, "agentId"),
                text(json, "requestDigest"), json.path("responseDigest").isTextual()
                ? json.path("responseDigest").asText() : null, text(json, "verdict"), number(json, "score").asDouble(),
                text(json, "method"), number(json, "price").asLong(), number(json, "signedAtMicros").asLong(),
                json.path("panelDigest").asText(VerdictReceipts.NO_PANEL), text(json, "verifierKey"),
                text(json, "signature"));
    }

    private static String text(JsonNode json, String field) {
        if (!json.path(field).isTextual()) {
            throw new IllegalArgumentException("the receipt has no " + field);
        }
        return json.path(field).asText();
    }

    private static JsonNode number(JsonNode json, String field) {
        if (!json.path(field).isNumber()) {
            throw new IllegalArgumentException("the receipt has no " + field);
        }
        return json.path(field);
    }
}
