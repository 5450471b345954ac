package io.lode.reward.epoch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.events.epochs.EpochClosed;
import io.lode.events.outbox.AdvisoryLocks;
import io.lode.reward.escrow.RewardConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Closes an epoch every {@code lode.reward.epoch-length} ({@link EpochClose} over PostgreSQL): one closer at a
 * time across replicas (advisory lock), with the account table held in SHARE mode so the snapshot, the Merkle root
 * and the epoch's last ledger transaction agree.
 */
@ApplicationScoped
@Startup // built at start so that out-of-range epoch parameters stop the service at once, not at the first close
public class EpochCloser {

    private static final long CLOSER_LOCK_KEY = 0x6c6f646565706f63L;

    private final DataSource dataSource;
    private final EpochClose epochClose;

    public EpochCloser(DataSource dataSource, RewardConfig config) {
        this.dataSource = dataSource;
        this.epochClose = new EpochClose(config.parameters());
    }

    @Scheduled(every = "${lode.reward.epoch-length}", delayed = "${lode.reward.epoch-length}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledClose() {
        close().ifPresent(e -> Log.infof("closed epoch %d: %d accounts, root %s", e.getEpoch(), e.getAccounts(),
                e.getMerkleRoot()));
    }

    /** Closes the next epoch, or returns empty if another replica is closing one right now. */
    @Transactional
    public Optional<EpochClosed> close() {
        try (Connection connection = dataSource.getConnection()) {
            if (!AdvisoryLocks.tryForTransaction(connection, CLOSER_LOCK_KEY)) {
                return Optional.empty();
            }
            // Balances change only with ledger transactions; holding the account table keeps the root consistent
            // with the epoch's last transaction. Every ledger event committed before this lock was created before
            // closedAt, every later one after it: the audit replay cuts the log by that time.
            try (Statement lock = connection.createStatement()) {
                lock.execute("LOCK TABLE account IN SHARE MODE");
            }
            Instant closedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return Optional.of(epochClose.close(new JdbcEpochStore(connection), closedAt));
        } catch (SQLException e) {
            throw new IllegalStateException("closing an epoch failed", e);
        }
    }
}
