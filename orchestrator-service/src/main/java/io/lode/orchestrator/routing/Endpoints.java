package io.lode.orchestrator.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The calls of one redundant task go to agents on distinct endpoints — host and port, so that on one machine,
 * where every agent is 127.0.0.1, agents on different ports still count as different: keys are free, so three
 * keys behind one server are one opinion, and agreement must not count it three times.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /** "host:port" of an endpoint URL, the port made explicit from the scheme; the whole URL if it does not parse. */
    public static String authority(String endpoint) {
        try {
            URI uri = URI.create(endpoint.strip());
            String host = uri.getHost();
            if (host == null) {
                return endpoint.strip().toLowerCase(Locale.ROOT);
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return endpoint.strip().toLowerCase(Locale.ROOT);
        }
    }

    /** The best-ranked agent of each endpoint not already {@code taken}, in rank order. */
    public static List<Router.Ranked> onePerEndpoint(List<Router.Ranked> ranked, Collection<String> taken) {
        Set<String> seen = new HashSet<>(taken);
        List<Router.Ranked> distinct = new ArrayList<>();
        for (Router.Ranked r : ranked) {
            if (seen.add(authority(r.agent().endpoint()))) {
                distinct.add(r);
            }
        }
        return distinct;
    }
}
