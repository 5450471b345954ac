package io.lode.reward.epoch;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.lode.events.Envelopes;
import io.lode.events.epochs.EpochClosed;
import io.lode.events.ledger.RewardAccrued;
import io.lode.events.ledger.RewardVested;
import io.lode.events.merkle.BalanceTree;
import io.lode.events.merkle.EpochChain;
import io.lode.events.outbox.AdvisoryLocks;
import io.lode.events.outbox.Outbox;
import io.lode.reward.epoch.EpochRepository.Epoch;
import io.lode.reward.escrow.RewardConfig;
import io.lode.reward.escrow.Settlement;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Closes an epoch every {@code lode.reward.epoch-length}: snapshots every balance, publishes the Merkle root and
 * the hash of the previous epoch (EpochClosed), and keeps the leaves for inclusion proofs. Before the snapshot it
 * mints the epoch's emission into unvested accounts (split by verified value) and vests what accrued
 * {@code vestingEpochs} ago. One closer at a time across replicas (advisory lock).
 */
@ApplicationScoped
public class EpochCloser {

    private static final long CLOSER_LOCK_KEY = 0x6c6f646565706f63L;

    private final DataSource dataSource;
    private final RewardConfig config;
    private final Settlement settlement;

    public EpochCloser(DataSource dataSource, RewardConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.settlement = new Settlement(config.protocolFeeBasisPoints());
    }

    @Scheduled(every = "${lode.reward.epoch-length}", delayed = "${lode.reward.epoch-length}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledClose() {
        close().ifPresent(e -> Log.infof("closed epoch %d: %d accounts, root %s", e.epoch(), e.accounts(),
                e.merkleRoot()));
    }

    /**
     * Mints the epoch's emission into unvested accounts, split by verified value (EmissionSplit), and returns
     * what was minted: nothing in an epoch without verified work, since emission pays for work only.
     */
    private long mintEmission(Connection connection, EpochRepository epochs, long epoch, List<EmissionSplit.Work> work)
            throws SQLException {
        long emission = config.emissionPerEpoch();
        EmissionSplit.Split split = EmissionSplit.split(Math.max(0, emission), work, config.consumerCapBasisPoints());
        if (emission <= 0 || split.rewards().isEmpty()) {
            return 0;
        }
        LedgerRepository ledger = new LedgerRepository(connection);
        for (String agent : split.rewards().keySet()) {
            ledger.ensureAccount(Accounts.unvestedOf(agent), Accounts.Kind.UNVESTED);
        }
        ledger.record(eventId("emission", epoch), settlement.emission(epoch, split.rewards(), split.dust()));
        epochs.accrue(epoch, split.rewards());
        for (Map.Entry<String, Long> reward : split.rewards().entrySet()) {
            Outbox.append(connection, reward.getKey(), RewardAccrued.newBuilder()
                    .setEnvelope(Envelopes.next("reward-service", reward.getKey(), null))
                    .setAgentId(reward.getKey()).setEpoch(epoch).setAmount(reward.getValue()).build());
        }
        return emission;
    }

    /** Rewards accrued vestingEpochs ago become the agents'. */
    private void vestMatured(Connection connection, EpochRepository epochs, long epoch) throws SQLException {
        long accruedIn = epoch - config.vestingEpochs();
        if (accruedIn < 1) {
            return;
        }
        Map<String, Long> vested = epochs.vest(accruedIn, epoch);
        if (vested.isEmpty()) {
            return;
        }
        LedgerRepository ledger = new LedgerRepository(connection);
        for (String agent : vested.keySet()) {
            ledger.ensureAccount(agent, Accounts.Kind.AGENT);
        }
        ledger.record(eventId("vest", epoch), settlement.vesting(epoch, vested));
        for (Map.Entry<String, Long> reward : vested.entrySet()) {
            Outbox.append(connection, reward.getKey(), RewardVested.newBuilder()
                    .setEnvelope(Envelopes.next("reward-service", reward.getKey(), null))
                    .setAgentId(reward.getKey()).setEpoch(accruedIn).setAmount(reward.getValue()).build());
        }
    }

    /** Ledger transactions of an epoch close get ids derived from the epoch, so a close is recorded once. */
    private static String eventId(String what, long epoch) {
        return UUID.nameUUIDFromBytes((what + ":" + epoch).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Closes the next epoch, or returns empty if another replica is closing one right now. */
    @Transactional
    public Optional<Epoch> close() {
        try (Connection connection = dataSource.getConnection()) {
            if (!AdvisoryLocks.tryForTransaction(connection, CLOSER_LOCK_KEY)) {
                return Optional.empty();
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
            long workTx = epochs.lastTxId();
            long emission = mintEmission(connection, epochs, number, epochs.verifiedWork(afterTx, workTx));
            vestMatured(connection, epochs, number);
            long lastTx = epochs.lastTxId();
            Instant closedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant startedAt = previous.map(Epoch::closedAt).orElse(closedAt);
            Map<String, Long> balances = epochs.currentBalances();
            BalanceTree tree = new BalanceTree(balances);
            EpochClosed event = EpochClosed.newBuilder()
                    .setEnvelope(Envelopes.next("reward-service", Long.toString(number), null))
                    .setEpoch(number).setStartedAt(startedAt).setClosedAt(closedAt).setEmission(emission)
                    .setFeesSettled(epochs.feesSettled(afterTx, workTx)).setAccounts(tree.size())
                    .setMerkleRoot(tree.rootHex())
                    .setPreviousHash(previous.map(Epoch::hash).orElse(EpochChain.GENESIS)).build();
            Epoch epoch = new Epoch(number, startedAt, closedAt, lastTx, event.getEmission(), event.getFeesSettled(),
                    event.getAccounts(), event.getMerkleRoot(), event.getPreviousHash(), EpochChain.hash(event));
            epochs.insert(epoch);
            Outbox.append(connection, Long.toString(number), event);
            return Optional.of(epoch);
        } catch (SQLException e) {
            throw new IllegalStateException("closing an epoch failed", e);
        }
    }
}
