package io.lode.registry.signing;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.identity.AgentId;
import io.lode.identity.SignedRequests;
import io.lode.registry.Problems;
import io.lode.registry.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a signed agent request: the signature, that it is signed for this action (so a signed renewal cannot be
 * replayed as a deregistration), that it has not expired and does not live too long, and, for calls on an
 * existing agent, that the key is that agent's. The nonce is consumed later, in the transaction of the change.
 */
@ApplicationScoped
public class SignedRequestVerifier {

    /** What a signed request asks for; each has its own endpoint. */
    public enum Action {
        REGISTER, UPDATE, RENEW, DEREGISTER;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final RegistryConfig config;

    public SignedRequestVerifier(RegistryConfig config) {
        this.config = config;
    }

    /** Verifies a registration, which names no agent yet. */
    public SignedAgentRequest verify(JsonNode body, Action action) {
        return verify(body, action, null);
    }

    /** Verifies a request on agent {@code agentId}; throws a problem saying what is wrong. */
    public SignedAgentRequest verify(JsonNode body, Action action, String agentId) {
        if (!(body instanceof ObjectNode object)) {
            throw Problems.invalid("the body must be a JSON object");
        }
        JsonNode signedAction = object.get("action");
        // Registrations predate the action field; every other request must name its action.
        boolean actionMatches = signedAction == null ? action == Action.REGISTER
                : signedAction.isTextual() && signedAction.asText().equals(action.wireName());
        if (!actionMatches) {
            throw Problems.invalid("this endpoint takes requests signed with \"action\": \"" + action.wireName() + "\"");
        }
        String agentIdOfKey;
        try {
            agentIdOfKey = AgentId.of(SignedRequests.verify(object));
        } catch (SignedRequests.InvalidSignatureException e) {
            throw Problems.of(401, "invalid-signature", "Invalid signature", e.getMessage());
        }
        if (agentId != null && !agentId.equals(agentIdOfKey)) {
            throw Problems.of(403, "not-owner", "Not the agent's key",
                    "the request is signed by the key of " + agentIdOfKey + "; only the key of " + agentId
                            + " may change " + agentId);
        }
        String nonce = Problems.requiredText(object, "nonce");
        if (nonce.length() < 8 || nonce.length() > 128) {
            throw Problems.invalid("nonce must be 8..128 characters");
        }
        return new SignedAgentRequest(agentIdOfKey, object.get("publicKey").asText(), nonce, expiry(object), object);
    }

    private Instant expiry(ObjectNode body) {
        Instant expiresAt;
        try {
            expiresAt = Instant.parse(Problems.requiredText(body, "expiresAt"));
        } catch (DateTimeParseException e) {
            throw Problems.invalid("expiresAt must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
        Instant now = Instant.now();
        if (!expiresAt.isAfter(now)) {
            throw Problems.of(401, "expired-request", "Request expired", "expiresAt " + expiresAt
                    + " has passed; sign a fresh request");
        }
        if (expiresAt.isAfter(now.plus(config.maxRequestLifetime()))) {
            throw Problems.invalid("expiresAt may be at most " + config.maxRequestLifetime().toMinutes()
                    + " minutes ahead");
        }
        return expiresAt;
    }
}
