package io.lode.a2a;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where and in which protocol version a card says it is called over JSON-RPC: v1.0 cards list it in
 * {@code supportedInterfaces} (binding {@code JSONRPC}, version default 1.0), v0.3 cards give a top-level {@code url}
 * and {@code protocolVersion} (default 0.3.0). The registry reads a card the same way and validates every field.
 */
public record AgentInterface(String url, String protocolVersion) {

    /** The card's JSON-RPC interface, if it names one. */
    public static Optional<AgentInterface> of(JsonNode card) {
        for (JsonNode candidate : card.path("supportedInterfaces")) {
            if ("JSONRPC".equalsIgnoreCase(candidate.path("protocolBinding").asText())
                    && candidate.path("url").isTextual()) {
                return Optional.of(new AgentInterface(candidate.get("url").asText(),
                        candidate.path("protocolVersion").asText("1.0")));
            }
        }
        if (card.path("url").isTextual() && "JSONRPC".equalsIgnoreCase(card.path("preferredTransport").asText("JSONRPC"))) {
            return Optional.of(new AgentInterface(card.get("url").asText(), card.path("protocolVersion").asText("0.3.0")));
        }
        return Optional.empty();
    }
}
