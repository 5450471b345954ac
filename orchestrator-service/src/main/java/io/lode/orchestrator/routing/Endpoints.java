package io.lode.orchestrator.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lode.identity.EndpointAuthority;

/**
 * The calls of one redundant task go to agents on distinct endpoints ({@link EndpointAuthority}): keys are free, so
 * three keys behind one server are one opinion, and agreement must not count it three times.
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
}
