package io.lode.registry.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.lode.events.outbox.Outbox;
import io.lode.registry.registration.AgentEvents;
import io.lode.registry.registration.AgentRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Registrations not renewed before their TTL lapse: the agent becomes EXPIRED (and stops receiving work) with an
 * AgentStatusChanged event. Safe with several registry replicas: each row moves once, under its row lock.
 */
@ApplicationScoped
public class ExpirySweeper {

    static final int BATCH = 500;

    private final DataSource dataSource;

    public ExpirySweeper(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${lode.registry.expiry-sweep-interval}", delayed = "${lode.registry.expiry-sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws SQLException {
        int expired;
        do {
            expired = sweepBatch();
        } while (expired == BATCH);
    }

    @Transactional
    int sweepBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            AgentRepository agents = new AgentRepository(connection);
            agents.forgetExpiredNonces();
            List<AgentRepository.Expired> expired = agents.expireDue(BATCH);
            for (AgentRepository.Expired agent : expired) {
                Outbox.append(connection, agent.agentId(), AgentEvents.statusChanged(agent.agentId(), agent.previous(),
                        "EXPIRED", List.of(AgentRepository.EXPIRY_REASON), null));
            }
            if (!expired.isEmpty()) {
                Log.infof("%d agent registrations expired", expired.size());
            }
            return expired.size();
        }
    }
}
