package io.lode.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void keepsTheBestAgentOfEachEndpointAndNoneOnAnEndpointAlreadyTaken() {
        List<Router.Ranked> ranked = List.of(ranked("a", "http://10.0.0.1:9000/x"), ranked("b", "http://10.0.0.1:9000/y"),
                ranked("c", "http://10.0.0.1:9001/x"), ranked("d", "http://10.0.0.2:9000/x"),
                ranked("e", "http://10.0.0.1:9000/z"));
        assertThat(Endpoints.onePerEndpoint(ranked, Set.of()).stream().map(r -> r.agent().agentId()))
                .containsExactly("a", "c", "d");
        assertThat(Endpoints.onePerEndpoint(ranked, Set.of("10.0.0.1:9001")).stream().map(r -> r.agent().agentId()))
                .containsExactly("a", "d");
    }

    @Test
    void anExcludedAgentTakesTheOtherKeysOfItsEndpointWithIt() {
        List<AgentCandidate> agents = List.of(ranked("a", "http://10.0.0.1:9000/x").agent(),
                ranked("b", "https://10.0.0.1:9000/other-path").agent(), ranked("c", "http://10.0.0.1:9001/x").agent(),
                ranked("d", "http://10.0.0.2:9000/x").agent());
        assertThat(Endpoints.withTheirEndpoints(agents, List.of("a"))).containsExactlyInAnyOrder("a", "b");
        assertThat(Endpoints.withTheirEndpoints(agents, List.of("c", "gone"))).containsExactlyInAnyOrder("c", "gone");
        assertThat(Endpoints.withTheirEndpoints(agents, List.of())).isEmpty();
    }

    private static Router.Ranked ranked(String id, String endpoint) {
        return new Router.Ranked(new AgentCandidate(id, endpoint, "1.0", false, 10, "ACTIVE", List.of("skill"),
                List.of(), 0.9, false, null), 1.0, 1.0);
    }
}
