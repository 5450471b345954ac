package io.lode.gateway.proxy;

import java.time.Duration;
import java.util.List;

import io.lode.gateway.GatewayConfig;

/**
 * A public path prefix, the service that owns it, whether it needs an API key, and how long it may take: the
 * gateway's routing table, which the proxy serves and the aggregated OpenAPI document describes.
 */
public record Route(String prefix, String service, String backend, boolean authenticated, Duration timeout) {

    public static List<Route> all(GatewayConfig config) {
        GatewayConfig.Backends backends = config.backends();
        return List.of(
                new Route("/v1/agents", "registry-service", backends.registry(), false, config.backendTimeout()),
                new Route("/v1/tasks", "orchestrator-service", backends.orchestrator(), true,
                        config.taskBackendTimeout()),
                new Route("/v1/ledger", "reward-service", backends.reward(), false, config.backendTimeout()),
                new Route("/v1/epochs", "reward-service", backends.reward(), false, config.backendTimeout()),
                new Route("/v1/verifier", "verifier-service", backends.verifier(), false, config.backendTimeout()));
    }

    /** Whether a path of an OpenAPI document is served through this route. */
    public boolean serves(String path) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
