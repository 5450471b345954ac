package io.lode.registry.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.events.outbox.Outbox;
import io.lode.registry.Problems;
import io.lode.registry.RegistryConfig;
import io.lode.registry.registration.AgentEvents;
import io.lode.registry.registration.AgentRecord;
import io.lode.registry.registration.AgentRepository;
import io.lode.registry.registration.AgentResource;
import io.lode.registry.signing.SignedAgentRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What an agent's owner does after registering: renew (a signed heartbeat that extends the registration by the
 * TTL, and brings an EXPIRED agent back to the status it had) and deregister. Each change and its events are
 * one transaction.
 */
@ApplicationScoped
public class AgentLifecycle {

    private final DataSource dataSource;
    private final RegistryConfig config;

    public AgentLifecycle(DataSource dataSource, RegistryConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** The agent as stored, unless it is unknown or deregistered. */
    public Optional<AgentRecord> current(String agentId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new AgentRepository(connection).find(agentId).filter(a -> !a.status().equals("DEREGISTERED"));
        }
    }

    /**
     * Extends the registration; {@code ownershipLapse} (the card read again) says why the key no longer controls the
     * endpoint, and then the agent is SUSPENDED with that reason instead.
     */
    @Transactional
    public AgentRecord renew(SignedAgentRequest request, Optional<String> ownershipLapse) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            agents.useNonce(request);
            Instant expiresAt = Instant.now().plus(config.registrationTtl()).truncatedTo(ChronoUnit.MICROS);
            AgentRecord before = agents.renew(request.agentId(), expiresAt).orElseThrow(() -> gone(agents, request));
            AgentRecord after = agents.find(request.agentId()).orElseThrow();
            if (ownershipLapse.isPresent() && !after.status().equals("SUSPENDED")
                    && !after.status().equals("REJECTED")) {
                List<String> reasons = List.of("suspended at renewal: " + ownershipLapse.get());
                agents.transition(after.agentId(), after.status(), "SUSPENDED", reasons, null);
                after = after.withStatus("SUSPENDED", reasons);
            }
            Outbox.append(connection, after.agentId(), AgentEvents.updated(after));
            if (!before.status().equals(after.status())) {
                Outbox.append(connection, after.agentId(), AgentEvents.statusChanged(after.agentId(), before.status(),
                        after.status(), after.reasons().isEmpty() ? List.of("renewed by its owner") : after.reasons(),
                        null));
            }
            return after;
        }
    }

    @Transactional
    public void deregister(SignedAgentRequest request) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            agents.useNonce(request);
            agents.deregister(request.agentId()).orElseThrow(() -> gone(agents, request));
            Outbox.append(connection, request.agentId(),
                    AgentEvents.deregistered(request.agentId(), "deregistered by its owner"));
        }
    }

    private static RuntimeException gone(AgentRepository agents, SignedAgentRequest request) {
        try {
            return agents.find(request.agentId()).isEmpty() ? AgentResource.unknown(request.agentId())
                    : Problems.of(409, "agent-deregistered", "Agent deregistered", request.agentId()
                            + " is deregistered; register it again with POST /v1/agents");
        } catch (SQLException e) {
            return new IllegalStateException(e);
        }
    }
}
