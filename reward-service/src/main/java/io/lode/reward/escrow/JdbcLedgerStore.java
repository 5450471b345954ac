package io.lode.reward.escrow;

import java.sql.Connection;
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
import io.lode.reward.ledger.Sql;

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
        return Sql.query(() -> Inbox.firstDelivery(connection, EscrowSaga.PRODUCER, eventId));
    }

    @Override
    public void ensureAccount(String accountId, Accounts.Kind kind) {
        Sql.update(() -> ledger.ensureAccount(accountId, kind));
    }

    @Override
    public void setOwner(String accountId, String ownerAgentId) {
        Sql.update(() -> ledger.setOwner(accountId, ownerAgentId));
    }

    @Override
    public Optional<Long> lockBalance(String accountId) {
        return Sql.query(() -> ledger.lockBalance(accountId));
    }

    @Override
    public void record(String eventId, LedgerTransaction transaction) {
        Sql.update(() -> ledger.record(eventId, transaction));
    }

    @Override
    public void openEscrow(Escrow escrow) {
        Sql.update(() -> ledger.openEscrow(escrow));
    }

    @Override
    public Optional<Escrow> openEscrow(String taskId) {
        return Sql.query(() -> ledger.openEscrow(taskId));
    }

    @Override
    public void recordPayment(String taskId, String agentId, long remaining) {
        Sql.update(() -> ledger.recordPayment(taskId, agentId, remaining));
    }

    @Override
    public void refundEscrow(String taskId) {
        Sql.update(() -> ledger.refundEscrow(taskId));
    }

    @Override
    public Set<String> payees(String taskId) {
        return Sql.query(() -> ledger.payees(taskId));
    }

    @Override
    public long slashUnvested(String agentId, String eventId) {
        return Sql.query(() -> new EpochRepository(connection).slashUnvested(agentId, eventId));
    }

    @Override
    public void emit(String key, SpecificRecord event) {
        Sql.update(() -> Outbox.append(connection, key, event));
    }
}
