package io.lode.reward.escrow;

import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;

import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerTransaction;

/**
 * What the escrow saga needs from storage. The service backs it with PostgreSQL inside one transaction per
 * event ({@link JdbcLedgerStore}); tests and audit replay back it with memory.
 */
public interface LedgerStore {

    /** Records the event as processed; false if it was already (a redelivery). */
    boolean firstDelivery(String eventId);

    void ensureAccount(String accountId, Accounts.Kind kind);

    /** Records that the consumer account was opened with the key of agent {@code ownerAgentId}. */
    void setOwner(String accountId, String ownerAgentId);

    /** The balance, locked against concurrent changes until the unit of work ends; empty for unknown accounts. */
    Optional<Long> lockBalance(String accountId);

    /** Applies a balanced transaction; fails if it would take a non-mint account below zero. */
    void record(String eventId, LedgerTransaction transaction);

    void openEscrow(Escrow escrow);

    Optional<Escrow> openEscrow(String taskId);

    /**
     * The escrow paid {@code agentId}; {@code remaining} is what it still holds. At zero it closes as RELEASED; a
     * redundant task's escrow stays open for its other agents until the task ends.
     */
    void recordPayment(String taskId, String agentId, long remaining);

    /** Closes the escrow as REFUNDED. */
    void refundEscrow(String taskId);

    /** The agents the task's escrow has paid. */
    Set<String> payees(String taskId);

    /** Marks the agent's rewards that have not vested yet as slashed by {@code eventId}; returns their sum. */
    long slashUnvested(String agentId, String eventId);

    /** Publishes a resulting event (through the outbox, in the service). */
    void emit(String key, SpecificRecord event);
}
