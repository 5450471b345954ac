package io.lode.orchestrator.routing;

import java.util.List;

/**
 * What routing knows of an agent, from the local read model of lode.agents: card facts (endpoint, protocol version,
 * whether it streams, price), its skill vectors (each routable skill's card text and first examples,
 * {@link Embeddings#ofSkills}) with the id of the skill each belongs to (empty when not known),
 * reputation in [0,1], whether the verifier still has it in probation, and recent latency (null before the first
 * answer).
 */
public record AgentCandidate(String agentId, String endpoint, String protocolVersion, boolean streaming, long price,
                             String status,
                             List<String> skillTerms, List<float[]> skillVectors, List<String> vectorSkills,
                             double reputation, boolean probation, Double latencyMs) {

    /** An agent whose vectors' skills routing need not name (tests and benchmarks). */
    public AgentCandidate(String agentId, String endpoint, String protocolVersion, boolean streaming, long price,
                          String status, List<String> skillTerms, List<float[]> skillVectors, double reputation,
                          boolean probation, Double latencyMs) {
        this(agentId, endpoint, protocolVersion, streaming, price, status, skillTerms, skillVectors, List.of(),
                reputation, probation, latencyMs);
    }

    /** The id of the skill the agent's {@code index}-th vector belongs to, or null when not known. */
    public String skillOfVector(int index) {
        return index < vectorSkills.size() ? vectorSkills.get(index) : null;
    }

    /** An agent named by an exam: no routing facts needed. */
    public static AgentCandidate pinned(String agentId, String endpoint, String protocolVersion, boolean streaming) {
        return new AgentCandidate(agentId, endpoint, protocolVersion, streaming, 0, "PENDING", List.of(), List.of(), 0.5,
                true, null);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
