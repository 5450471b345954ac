package io.lode.gateway.edge;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.lode.egress.Cidr;
import io.lode.gateway.GatewayConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who a request came from — the address the unknown-key limit, exam previews and the services' per-address limits
 * count by. The connection's peer, unless the peer is one of the operator's {@code trusted-proxies}: then the
 * address that proxy forwarded for, read from the right of {@code X-Forwarded-For} (each trusted proxy appends the
 * address it saw), stopping at the first hop that is not trusted. The left of that header is whatever the client
 * chose to send, so it is never believed: a client cannot name its own address.
 */
@ApplicationScoped
public class ClientAddresses {

    private final List<Cidr> trustedProxies;

    @Inject
    public ClientAddresses(GatewayConfig config) {
        this(config.trustedProxies().orElse(List.of()));
    }

    ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).map(Cidr::parse)
                .toList();
    }

    public String of(HttpServerRequest request) {
        return resolve(request.remoteAddress().hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }

    /** {@code peer}: the connection's remote address; {@code forwardedFor}: every X-Forwarded-For header, in order. */
    String resolve(String peer, List<String> forwardedFor) {
        InetAddress client = Cidr.literal(peer);
        if (client == null || !trusted(client)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        });
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            InetAddress hop = Cidr.literal(hops.get(i));
            if (hop == null) {
                break; // a trusted proxy would not append this: the last address vouched for stands
            }
            client = hop;
        }
        return client.getHostAddress();
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }
}
