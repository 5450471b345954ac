package io.lode.orchestrator.routing;

import java.util.List;

/** What routing knows of an agent, from the local read model of lode.agents. */
public record AgentCandidate(String agentId, String endpoint, String protocolVersion, long price, String status,
                             List<String> skillTerms) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
