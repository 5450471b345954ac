package io.lode.agents.registration;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.identity.SignedRequests;

/** Builds the signed body of {@code POST /v1/agents} for an agent whose card is served at {@code cardUrl}. */
public final class AgentRegistration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentRegistration() {
    }

    public static ObjectNode signedBody(KeyPair keys, String cardUrl, long price) {
        ObjectNode body = JSON.createObjectNode().put("cardUrl", cardUrl).put("price", price);
        return SignedRequests.sign(body, keys, UUID.randomUUID().toString(),
                Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
