package io.lode.reward.escrow;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Applies one event to the ledger in one database transaction: the saga's dedupe, postings, escrow change and
 * outgoing event commit together or not at all.
 */
@ApplicationScoped
public class RewardEventHandler {

    private final DataSource dataSource;
    private final EscrowSaga saga;

    public RewardEventHandler(DataSource dataSource, RewardConfig config) {
        this.dataSource = dataSource;
        this.saga = new EscrowSaga(new Settlement(config.protocolFeeBasisPoints()));
    }

    @Transactional
    public void handle(SpecificRecord event) {
        try (Connection connection = dataSource.getConnection()) {
            saga.apply(event, new JdbcLedgerStore(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("ledger update failed for " + event.getClass().getSimpleName(), e);
        }
    }
}
