package io.lode.reward.escrow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.epoch.EpochRepository;
import io.lode.reward.ledger.LedgerRepository;
import io.lode.reward.ledger.LedgerTransaction;

/** The saga's store on one PostgreSQL connection and transaction: ledger tables, inbox and outbox. */
final class JdbcLedgerStore implements LedgerStore {

    private final Connection connection;
    private final LedgerRepository ledger;

    JdbcLedgerStore(Connection connection) {
        this.connection = connection;
        this.ledger = new LedgerRepository(connection);
    }

    @Override
    public boolean firstDelivery(String eventId) {
        return unchecked(() -> Inbox.firstDelivery(connection, EscrowSaga.PRODUCER, eventId));
    }

    @Override
    public void ensureAccount(String accountId, Accounts.Kind kind) {
        unchecked(() -> {
            ledger.ensureAccount(accountId, kind);
            return null;
        });
    }

    @Override
    public void setOwner(String accountId, String ownerAgentId) {
        unchecked(() -> {
            ledger.setOwner(accountId, ownerAgentId);
            return null;
        });
    }

    @Override
    public Optional<Long> lockBalance(String accountId) {
        return unchecked(() -> ledger.lockBalance(accountId));
    }

    @Override
    public void record(String eventId, LedgerTransaction transaction) {
        unchecked(() -> {
            ledger.record(eventId, transaction);
            return null;
        });
    }

    @Override
    public void openEscrow(Escrow escrow) {
        unchecked(() -> {
            ledger.openEscrow(escrow);
            return null;
        });
    }

    @Override
    public Optional<Escrow> openEscrow(String taskId) {
        return unchecked(() -> ledger.openEscrow(taskId));
    }

    @Override
    public void recordPayment(String taskId, String agentId, long remaining) {
        unchecked(() -> {
            ledger.recordPayment(taskId, agentId, remaining);
            return null;
        });
    }

    @Override
    public void refundEscrow(String taskId) {
        unchecked(() -> {
            ledger.refundEscrow(taskId);
            return null;
        });
    }

    @Override
    public Set<String> payees(String taskId) {
        return unchecked(() -> ledger.payees(taskId));
    }

    @Override
    public long slashUnvested(String agentId, String eventId) {
        return unchecked(() -> new EpochRepository(connection).slashUnvested(agentId, eventId));
    }

    @Override
    public void emit(String key, SpecificRecord event) {
        unchecked(() -> {
            Outbox.append(connection, key, event);
            return null;
        });
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static <T> T unchecked(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("ledger storage failed: " + e.getMessage(), e);
        }
    }
}
