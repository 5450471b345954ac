package io.lode.registry.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.agents.ReputationChanged;
import io.lode.events.ledger.Slashed;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.registry.RegistryConfig;
import io.lode.registry.registration.AgentEvents;
import io.lode.registry.registration.AgentRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps the verifier's overall reputation of each agent on its page, and suspends an ACTIVE agent whose score falls
 * below the floor once enough verdicts stand behind it, or that the ledger slashed (Slashed on lode.ledger). A suspended agent stays so: to return, its owner
 * deregisters and registers again, and passes a new exam. Each change is also a point of the agent's reputation over
 * time ({@link ReputationHistory}).
 */
@ApplicationScoped
public class ReputationHandler {

    private final DataSource dataSource;
    private final RegistryConfig config;

    public ReputationHandler(DataSource dataSource, RegistryConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** A slashed agent was caught in fraud after payment: it is SUSPENDED at once, whatever its score. */
    @Transactional
    public void slashed(SpecificRecord event) {
        if (!(event instanceof Slashed slashed)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!Inbox.firstDelivery(connection, AgentEvents.PRODUCER, slashed.getEnvelope().getEventId())) {
                return;
            }
            suspend(connection, slashed.getAgentId(), "slashed: " + slashed.getReason(),
                    slashed.getEnvelope().getEventId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the slashing of " + slashed.getAgentId(), e);
        }
    }

    @Transactional
    public void handle(SpecificRecord event) {
        // Per-skill scores are the verifier's detail; the registry acts on the overall one.
        if (!(event instanceof ReputationChanged changed) || changed.getSkill() != null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!Inbox.firstDelivery(connection, AgentEvents.PRODUCER, changed.getEnvelope().getEventId())) {
                return;
            }
            AgentRepository agents = new AgentRepository(connection);
            agents.setReputation(changed.getAgentId(), changed.getScore(), changed.getVerdicts(), changed.getProbation());
            new ReputationHistory(connection).record(changed.getAgentId(), changed.getScore(), changed.getVerdicts(),
                    changed.getProbation(), changed.getEnvelope().getOccurredAt());
            if (changed.getScore() >= config.reputationFloor() || changed.getVerdicts() < config.reputationMinVerdicts()) {
                return;
            }
            suspend(connection, changed.getAgentId(), String.format(Locale.ROOT,
                    "reputation %.2f fell below the floor %.2f after %d verdicts", changed.getScore(),
                    config.reputationFloor(), changed.getVerdicts()), changed.getEnvelope().getEventId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the reputation of " + changed.getAgentId(), e);
        }
    }

    /** Forgets the reputation points older than {@code lode.registry.reputation-history}. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void dropOldReputationPoints() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            new ReputationHistory(connection).dropBefore(Instant.now().minus(config.reputationHistory()));
        }
    }

    private static void suspend(Connection connection, String agentId, String reason, String causationId)
            throws SQLException {
        List<String> reasons = List.of(reason);
        if (new AgentRepository(connection).transition(agentId, "ACTIVE", "SUSPENDED", reasons, null)) {
            Outbox.append(connection, agentId, AgentEvents.statusChanged(agentId, "ACTIVE", "SUSPENDED", reasons,
                    causationId));
        }
    }
}
