package io.lode.orchestrator.routing;

import java.util.List;

/**
 * What routing knows of an agent, from the local read model of lode.agents: card facts (endpoint, protocol version,
 * whether it streams, price), one vector per skill,
 * reputation in [0,1], whether the verifier still has it in probation, and recent latency (null before the first
 * answer).
 */
public record AgentCandidate(String agentId, String endpoint, String protocolVersion, boolean streaming, long price,
                             String status,
                             List<String> skillTerms, List<float[]> skillVectors, double reputation, boolean probation,
                             Double latencyMs) {

    /** An agent named by an exam: no routing facts needed. */
    public static AgentCandidate pinned(String agentId, String endpoint, String protocolVersion, boolean streaming) {
        return new AgentCandidate(agentId, endpoint, protocolVersion, streaming, 0, "PENDING", List.of(), List.of(), 0.5,
                true, null);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
