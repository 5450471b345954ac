package io.lode.verifier.review;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.identity.ReviewContract;

/**
 * A judge's answer to a {@link ReviewRequest}, read from the parts of its reply message: a data part
 * {@code {"score": 0..1, "reason": …}} (v1.0 {@code {"data":…}} or v0.3 {@code {"kind":"data","data":…}}); else a
 * text whose last non-empty line is {@code SCORE: n}, n from 0 to 10. Anything else — no score, a score out of
 * range or not a number — is unreadable and decides nothing. The judge is an untrusted party: nothing else of
 * its reply is used, and the reason is cut to {@value #MAX_REASON} characters.
 */
public record ReviewAnswer(double score, String reason) {

    public static final int MAX_REASON = 500;

    /** Reads the reply's {@code parts} (the message's, or a completed task's artifact parts). */
    public static Optional<ReviewAnswer> read(JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            JsonNode data = part.get("data");
            if (data != null && data.isObject() && data.has("score")) {
                return fromData(data);
            }
            if (part.hasNonNull("text")) {
                text.append(part.get("text").asText());
            }
        }
        return fromText(text.toString());
    }

    /**
     * Reads a judge's answer as the orchestrator records it — its text parts, and each data part as its JSON on a
     * line of its own: the last non-empty line, if it is a JSON object with a score, is the data part; else the text
     * rule (last line {@code SCORE: n}). Only the last line counts, so a score quoted from the reviewed answer higher
     * up cannot stand in for the judge's own.
     */
    public static Optional<ReviewAnswer> fromOutput(String output) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        String[] lines = output.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        if (last.startsWith("{")) {
            try {
                JsonNode data = io.lode.identity.StrictJson.read(last);
                if (data.isObject() && data.has("score")) {
                    return fromData(data);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                // a text line that happens to start with a brace: read as text below
            }
        }
        return fromText(output);
    }

    static Optional<ReviewAnswer> fromData(JsonNode data) {
        JsonNode score = data.get("score");
        if (!score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
            return Optional.empty();
        }
        return Optional.of(new ReviewAnswer(score.asDouble(), reason(data.path("reason").asText(""))));
    }

    static Optional<ReviewAnswer> fromText(String text) {
        java.util.OptionalDouble score = ReviewContract.scoreOnLastLine(text);
        if (score.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = text.strip().split("\\R");
        String reason = String.join("\n", java.util.Arrays.copyOf(lines, lines.length - 1)).strip();
        return Optional.of(new ReviewAnswer(score.getAsDouble(), reason(reason)));
    }

    private static String reason(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
    }
}
