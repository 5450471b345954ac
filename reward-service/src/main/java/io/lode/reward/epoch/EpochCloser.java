package io.lode.reward.epoch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.events.Envelopes;
import io.lode.events.epochs.EpochClosed;
import io.lode.events.merkle.BalanceTree;
import io.lode.events.merkle.EpochChain;
import io.lode.events.outbox.Outbox;
import io.lode.reward.epoch.EpochRepository.Epoch;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Closes an epoch every {@code lode.reward.epoch-length}: snapshots every balance, publishes the Merkle root and
 * the hash of the previous epoch (EpochClosed), and keeps the leaves for inclusion proofs. One closer at a time
 * across replicas (advisory lock). Emission is not minted yet, so each epoch's emission is 0.
 */
@ApplicationScoped
public class EpochCloser {

    private static final long CLOSER_LOCK_KEY = 0x6c6f646565706f63L;

    private final DataSource dataSource;

    public EpochCloser(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "${lode.reward.epoch-length}", delayed = "${lode.reward.epoch-length}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledClose() {
        close().ifPresent(e -> Log.infof("closed epoch %d: %d accounts, root %s", e.epoch(), e.accounts(),
                e.merkleRoot()));
    }

    /** Closes the next epoch, or returns empty if another replica is closing one right now. */
    @Transactional
    public Optional<Epoch> close() {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement lock = connection.createStatement();
                 ResultSet acquired = lock.executeQuery("SELECT pg_try_advisory_xact_lock(" + CLOSER_LOCK_KEY + ")")) {
                acquired.next();
                if (!acquired.getBoolean(1)) {
                    return Optional.empty();
                }
            }
            // Balances change only with ledger transactions; locking the account table for the snapshot keeps
            // the root consistent with lastTxId.
            try (Statement lock = connection.createStatement()) {
                lock.execute("LOCK TABLE account IN SHARE MODE");
            }
            EpochRepository epochs = new EpochRepository(connection);
            Optional<Epoch> previous = epochs.latest();
            long number = previous.map(p -> p.epoch() + 1).orElse(1L);
            long afterTx = previous.map(Epoch::lastTxId).orElse(0L);
            long lastTx = epochs.lastTxId();
            Instant closedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant startedAt = previous.map(Epoch::closedAt).orElse(closedAt);
            Map<String, Long> balances = epochs.currentBalances();
            BalanceTree tree = new BalanceTree(balances);
            EpochClosed event = EpochClosed.newBuilder()
                    .setEnvelope(Envelopes.next("reward-service", Long.toString(number), null))
                    .setEpoch(number).setStartedAt(startedAt).setClosedAt(closedAt).setEmission(0)
                    .setFeesSettled(epochs.feesSettled(afterTx, lastTx)).setAccounts(tree.size())
                    .setMerkleRoot(tree.rootHex())
                    .setPreviousHash(previous.map(Epoch::hash).orElse(EpochChain.GENESIS)).build();
            Epoch epoch = new Epoch(number, startedAt, closedAt, lastTx, event.getEmission(), event.getFeesSettled(),
                    event.getAccounts(), event.getMerkleRoot(), event.getPreviousHash(), EpochChain.hash(event));
            epochs.insert(epoch, balances);
            Outbox.append(connection, Long.toString(number), event);
            return Optional.of(epoch);
        } catch (SQLException e) {
            throw new IllegalStateException("closing an epoch failed", e);
        }
    }
}
