package io.lode.registry.registration;

import java.time.Instant;
import java.util.List;

/** An agent as the registry stores it. */
public record AgentRecord(String agentId, String publicKey, String name, String cardUrl, String endpoint,
                          String protocolVersion, long price, String status, List<String> reasons, Double examScore,
                          List<AgentCard.Skill> skills, String cardDigest, Instant registeredAt, Instant updatedAt,
                          Instant expiresAt) {
}
