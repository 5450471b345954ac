package io.lode.registry.registration;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An agent as the registry stores and shows it; the skill vectors travel in events, not in the JSON view.
 * Reputation is the verifier's overall score in [0,1] over {@code verdicts} verdicts (null before the first);
 * {@code probation} stays true, and the agent's traffic capped, until the verifier has seen enough checked passes.
 */
public record AgentRecord(String agentId, String publicKey, String name, String cardUrl, String endpoint,
                          String protocolVersion, boolean streaming, long price, String status, List<String> reasons, Double examScore,
                          List<AgentCard.Skill> skills, @JsonIgnore List<float[]> skillVectors, String cardDigest,
                          Instant registeredAt, Instant updatedAt, Instant expiresAt, Double reputation,
                          long verdicts, boolean probation) {

    public AgentRecord withStatus(String newStatus) {
        return new AgentRecord(agentId, publicKey, name, cardUrl, endpoint, protocolVersion, streaming, price, newStatus, reasons,
                examScore, skills, skillVectors, cardDigest, registeredAt, updatedAt, expiresAt, reputation, verdicts,
                probation);
    }

    public AgentRecord withStatus(String newStatus, List<String> newReasons) {
        return new AgentRecord(agentId, publicKey, name, cardUrl, endpoint, protocolVersion, streaming, price, newStatus,
                newReasons, examScore, skills, skillVectors, cardDigest, registeredAt, updatedAt, expiresAt, reputation,
                verdicts, probation);
    }

    public AgentRecord withExpiry(Instant newExpiry) {
        return new AgentRecord(agentId, publicKey, name, cardUrl, endpoint, protocolVersion, streaming, price, status, reasons,
                examScore, skills, skillVectors, cardDigest, registeredAt, updatedAt, newExpiry, reputation, verdicts,
                probation);
    }
}
