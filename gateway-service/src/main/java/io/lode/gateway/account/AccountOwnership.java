package io.lode.gateway.account;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.identity.SignedRequests;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * An account opening signed with an agent key ({@code {"action":"open-account", publicKey, nonce, expiresAt,
 * signature}}, built by {@code lode account create --key-file}): proves the opener holds the key, so the reward
 * service can tell when that key's agent works for its own account. A replayed opening only opens another account
 * tied to the same key, which harms nobody but the replayer, so no nonce is kept; expiresAt bounds it.
 */
final class AccountOwnership {

    static final String ACTION = "open-account";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_BODY_CHARS = 4_096;

    private AccountOwnership() {
    }

    /** The proven key (base64url), or null for an unsigned opening (an empty body). */
    static String ownerKey(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        String text = io.lode.identity.StrictJson.utf8(bytes).orElseThrow(() -> invalid(400, "invalid-utf8",
                "the body is not well-formed UTF-8"));
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_BODY_CHARS) {
            throw invalid(413, "body-too-large", "a signed opening is at most " + MAX_BODY_CHARS + " characters");
        }
        JsonNode body;
        try {
            body = io.lode.identity.StrictJson.read(text);
        } catch (JsonProcessingException e) {
            throw invalid(400, "invalid-json", "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(body instanceof ObjectNode signed) || !ACTION.equals(signed.path("action").asText())) {
            throw invalid(400, "invalid-request", "a signed opening is an object with \"action\": \"" + ACTION + "\"");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(signed.path("expiresAt").asText());
        } catch (DateTimeParseException e) {
            throw invalid(400, "invalid-request", "expiresAt must be an ISO-8601 instant");
        }
        Instant now = Instant.now();
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw invalid(401, "expired-request", "expiresAt must lie within the next "
                    + MAX_LIFETIME.toMinutes() + " minutes");
        }
        try {
            SignedRequests.verify(signed);
        } catch (SignedRequests.InvalidSignatureException e) {
            throw invalid(401, "invalid-signature", e.getMessage());
        }
        return signed.get("publicKey").asText();
    }

    private static HttpProblem invalid(int status, String type, String detail) {
        return Problems.of(status, type, status == 401 ? "Signature not accepted" : "Invalid request", detail);
    }
}
