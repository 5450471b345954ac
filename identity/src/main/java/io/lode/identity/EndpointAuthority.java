package io.lode.identity;

import java.net.URI;
import java.util.Locale;

/**
 * What "the same endpoint" means wherever agents must be distinct — the agents of one redundant task, the judges of
 * a panel and the worker they judge: host and port, so that on one machine, where every agent is 127.0.0.1, agents
 * on different ports still count as different. Keys are free, so three keys behind one server are one opinion.
 */
public final class EndpointAuthority {

    private EndpointAuthority() {
    }

    /** "host:port" of an endpoint URL, lower-cased, the port made explicit from the scheme; the whole URL if it does not parse. */
    public static String of(String endpoint) {
        String stripped = endpoint.strip();
        try {
            URI uri = URI.create(stripped);
            String host = uri.getHost();
            if (host == null) {
                return stripped.toLowerCase(Locale.ROOT);
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            return host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return stripped.toLowerCase(Locale.ROOT);
        }
    }
}
