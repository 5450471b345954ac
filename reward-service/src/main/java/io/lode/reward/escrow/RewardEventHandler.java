package io.lode.reward.escrow;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.reward.receipt.VerifierKeySource;
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

    public RewardEventHandler(DataSource dataSource, RewardConfig config, VerifierKeySource verifierKeys) {
        this.dataSource = dataSource;
        this.saga = new EscrowSaga(new Settlement(config.protocolFeeBasisPoints()),
                ReceiptCheck.against(verifierKeys::ringFor));
    }

    /** An operator's deposit; false if this depositId was applied before. */
    @Transactional
    public boolean deposit(String depositId, String accountId, long amount, String reason) {
        try (Connection connection = dataSource.getConnection()) {
            return saga.deposit(new JdbcLedgerStore(connection), depositId, accountId, amount, reason);
        } catch (SQLException e) {
            throw new IllegalStateException("deposit failed", e);
        }
    }

    @Transactional
    public void handle(SpecificRecord event) {
        if (!saga.actsOn(event)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            saga.apply(event, new JdbcLedgerStore(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("ledger update failed for " + event.getClass().getSimpleName(), e);
        }
    }
}
