package io.lode.registry.registration;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An agent as the registry stores and shows it; the skill vectors travel in events, not in the JSON view.
 * Reputation is the verifier's overall score in [0,1] over {@code verdicts} verdicts (null before the first);
 * {@code probation} stays true, and the agent's traffic capped, until the verifier has seen enough checked passes.
 * {@code exams} says which exam each skill got at the last exam, and why.
 */
public record AgentRecord(String agentId, String publicKey, String name, String cardUrl, String endpoint,
                          String protocolVersion, boolean streaming, long price, String status, List<String> reasons, Double examScore,
                          List<SkillExam> exams, List<AgentCard.Skill> skills, @JsonIgnore List<float[]> skillVectors, String cardDigest,
                          Instant registeredAt, Instant updatedAt, Instant expiresAt, Double reputation,
                          long verdicts, boolean probation) {

    /** Which exam (challenge family) a skill got, and why. */
    public record SkillExam(String skill, String exam, String reason) {
    }

    public AgentRecord withStatus(String newStatus) {
        return new AgentRecord(agentId, publicKey, name, cardUrl, endpoint, protocolVersion, streaming, price, newStatus, reasons,
                examScore, exams, skills, skillVectors, cardDigest, registeredAt, updatedAt, expiresAt, reputation, verdicts,
                probation);
    }

    public AgentRecord withStatus(String newStatus, List<String> newReasons) {
        return new AgentRecord(agentId, publicKey, name, cardUrl, endpoint, protocolVersion, streaming, price, newStatus,
                newReasons, examScore, exams, skills, skillVectors, cardDigest, registeredAt, updatedAt, expiresAt, reputation,
                verdicts, probation);
    }

    public AgentRecord withExpiry(Instant newExpiry) {
        return new AgentRecord(agentId, publicKey, name, cardUrl, endpoint, protocolVersion, streaming, price, status, reasons,
                examScore, exams, skills, skillVectors, cardDigest, registeredAt, updatedAt, newExpiry, reputation, verdicts,
                probation);
    }
}
