package io.lode.orchestrator.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lode.identity.EndpointAuthority;

/**
 * The calls of one redundant task go to agents on distinct endpoints ({@link EndpointAuthority}): keys are free, so
 * three keys behind one server are one opinion, and agreement must not count it three times. For the same reason an
 * excluded agent takes the other keys of its endpoint with it.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** The best-ranked agent of each endpoint not already {@code taken}, in rank order. */
    public static List<Router.Ranked> onePerEndpoint(List<Router.Ranked> ranked, Collection<String> taken) {
        Set<String> seen = new HashSet<>(taken);
        List<Router.Ranked> distinct = new ArrayList<>();
        for (Router.Ranked r : ranked) {
            if (seen.add(EndpointAuthority.of(r.agent().endpoint()))) {
                distinct.add(r);
            }
        }
        return distinct;
    }

    /**
     * The {@code excluded} agents and every one of {@code agents} on the same endpoint as one of them: a consumer who
     * asks for "another agent" means another service, not another key of the same one.
     */
    public static Set<String> withTheirEndpoints(List<AgentCandidate> agents, Collection<String> excluded) {
        Set<String> endpoints = new HashSet<>();
        agents.stream().filter(a -> excluded.contains(a.agentId()))
                .forEach(a -> endpoints.add(EndpointAuthority.of(a.endpoint())));
        Set<String> all = new HashSet<>(excluded);
        agents.stream().filter(a -> endpoints.contains(EndpointAuthority.of(a.endpoint())))
                .forEach(a -> all.add(a.agentId()));
        return all;
    }
}
