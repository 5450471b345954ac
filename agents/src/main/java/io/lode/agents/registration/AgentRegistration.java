package io.lode.agents.registration;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.identity.SignedRequests;

/**
 * Builds the signed bodies of the registry's agent calls: {@code POST /v1/agents}, {@code PUT /v1/agents/{id}},
 * {@code POST /v1/agents/{id}/renewal} and {@code DELETE /v1/agents/{id}}. Each names its action, so one cannot
 * be replayed as another.
 */
public final class AgentRegistration {

    private static final ObjectMapper JSON = io.lode.agents.a2a.A2aAgentServer.JSON;

    private AgentRegistration() {
    }

    public static ObjectNode signedBody(KeyPair keys, String cardUrl, long price) {
        return signed(keys, JSON.createObjectNode().put("action", "register").put("cardUrl", cardUrl)
                .put("price", price));
    }

    public static ObjectNode signedUpdate(KeyPair keys, String cardUrl, long price) {
        return signed(keys, JSON.createObjectNode().put("action", "update").put("cardUrl", cardUrl)
                .put("price", price));
    }

    public static ObjectNode signedRenewal(KeyPair keys) {
        return signed(keys, JSON.createObjectNode().put("action", "renew"));
    }

    public static ObjectNode signedDeregistration(KeyPair keys) {
        return signed(keys, JSON.createObjectNode().put("action", "deregister"));
    }

    private static ObjectNode signed(KeyPair keys, ObjectNode body) {
        return SignedRequests.sign(body, keys, UUID.randomUUID().toString(),
                Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS));
    }
}
