package io.lode.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RouterTest {

    private final AgentCandidate calculator = agent("agt_b", 1_000, "ACTIVE", "arithmetic", "math", "calculator");
    private final AgentCandidate cheapCalculator = agent("agt_c", 500, "ACTIVE", "arithmetic", "math");
    private final AgentCandidate echo = agent("agt_a", 100, "ACTIVE", "echo", "text");
    private final AgentCandidate pending = agent("agt_p", 1, "PENDING", "arithmetic", "math");

    @Test
    void prefersTheAgentWhoseSkillsShareTheMostWordsWithTheTask() {
        assertThat(Router.choose(List.of(echo, calculator), "math: what is 2 + 2?", null, 10_000))
                .map(AgentCandidate::agentId).hasValue("agt_b");
    }

    @Test
    void thenTheLowerPriceThenTheSmallerId() {
        assertThat(Router.choose(List.of(calculator, cheapCalculator), "arithmetic", null, 10_000))
                .map(AgentCandidate::agentId).hasValue("agt_c");
        AgentCandidate twin = agent("agt_0", 500, "ACTIVE", "arithmetic", "math");
        assertThat(Router.choose(List.of(cheapCalculator, twin), "arithmetic", null, 10_000))
                .map(AgentCandidate::agentId).hasValue("agt_0");
    }

    @Test
    void onlyActiveAgentsWithinMaxPriceOfferingTheNamedSkill() {
        assertThat(Router.choose(List.of(pending), "arithmetic", null, 10_000)).isEmpty();
        assertThat(Router.choose(List.of(calculator), "arithmetic", null, 999)).isEmpty();
        assertThat(Router.choose(List.of(calculator, echo), "anything", "echo", 10_000))
                .map(AgentCandidate::agentId).hasValue("agt_a");
        assertThat(Router.choose(List.of(calculator), "anything", "poetry", 10_000)).isEmpty();
    }

    private static AgentCandidate agent(String id, long price, String status, String... terms) {
        return new AgentCandidate(id, "http://127.0.0.1:1/a2a", "1.0", price, status, List.of(terms));
    }
}
