package io.lode.reward.epoch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.epochs.EpochClosed;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerTransaction;

/**
 * What closing an epoch needs from storage. The service backs it with PostgreSQL inside the closing transaction;
 * tests and the audit replay back it with memory ({@link io.lode.reward.audit.MemoryLedger}).
 */
public interface EpochStore {

    /** The last closed epoch: its number, when it closed and the hash the next one names. */
    record Head(long epoch, Instant closedAt, String hash) {
    }

    Optional<Head> latest();

    /** Verified work (price per agent and consumer; self-dealing left out) paid since the latest close. */
    List<EmissionSplit.Work> verifiedWorkSinceLatest();

    /** What agents and the treasury were paid for verified results since the latest close. */
    long feesSettledSinceLatest();

    void ensureAccount(String accountId, Accounts.Kind kind);

    void record(String eventId, LedgerTransaction transaction);

    /** Rewards minted in {@code epoch}, unvested until {@link #vest}. */
    void accrue(long epoch, Map<String, Long> rewards);

    /** Rewards accrued in {@code accruedIn} and neither vested nor slashed; marks them vested in {@code epoch}. */
    Map<String, Long> vest(long accruedIn, long epoch);

    /** Every account's balance now. */
    Map<String, Long> balances();

    /** Keeps the closed epoch (the service also keeps its balances, for inclusion proofs). */
    void closed(EpochClosed epoch, String hash);

    void emit(String key, SpecificRecord event);
}
