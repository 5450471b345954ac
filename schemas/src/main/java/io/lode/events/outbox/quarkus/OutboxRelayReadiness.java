package io.lode.events.outbox.quarkus;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A service whose outbox relay is dead or stalled is not ready: what it commits would never leave it, so it must not
 * be sent work (every service's {@code /q/health/ready}).
 */
@Readiness
@ApplicationScoped
public class OutboxRelayReadiness implements HealthCheck {

    private final OutboxRelayService relay;

    public OutboxRelayReadiness(OutboxRelayService relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox-relay").status(relay.isReady()).build();
    }
}
