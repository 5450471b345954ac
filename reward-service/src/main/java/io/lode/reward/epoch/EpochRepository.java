package io.lode.reward.epoch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Closed epochs and their leaves, on the caller's connection. */
public final class EpochRepository {

    private final Connection connection;

    public EpochRepository(Connection connection) {
        this.connection = connection;
    }

    /** A closed epoch as stored and published. */
    public record Epoch(long epoch, Instant startedAt, Instant closedAt, long lastTxId, long emission,
                        long feesSettled, long accounts, String merkleRoot, String previousHash, String hash) {
    }

    public Optional<Epoch> latest() throws SQLException {
        return one("SELECT * FROM epoch ORDER BY epoch DESC LIMIT 1", null);
    }

    public Optional<Epoch> find(long epoch) throws SQLException {
        return one("SELECT * FROM epoch WHERE epoch = ?", epoch);
    }

    /** Stores the epoch and the balances it was closed on (the caller holds the account table in SHARE mode). */
    public void insert(Epoch e) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO epoch (epoch, started_at, closed_at, "
                + "last_tx_id, emission, fees_settled, accounts, merkle_root, previous_hash, hash) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, e.epoch());
            insert.setTimestamp(2, Timestamp.from(e.startedAt()));
            insert.setTimestamp(3, Timestamp.from(e.closedAt()));
            insert.setLong(4, e.lastTxId());
            insert.setLong(5, e.emission());
            insert.setLong(6, e.feesSettled());
            insert.setLong(7, e.accounts());
            insert.setString(8, e.merkleRoot());
            insert.setString(9, e.previousHash());
            insert.setString(10, e.hash());
            insert.executeUpdate();
        }
        // Copied inside the database: the closer holds the account table in SHARE mode, so these are exactly the
        // balances it read for the Merkle tree, without sending 100,000 rows back over the wire.
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO epoch_balance (epoch, account_id, "
                + "balance) SELECT ?, account_id, balance FROM account")) {
            insert.setLong(1, e.epoch());
            insert.executeUpdate();
        }
    }

    /** Every account's balance now (the caller's transaction gives the snapshot). */
    public Map<String, Long> currentBalances() throws SQLException {
        return balances("SELECT account_id, balance FROM account", null);
    }

    public Map<String, Long> balancesAt(long epoch) throws SQLException {
        return balances("SELECT account_id, balance FROM epoch_balance WHERE epoch = ?", epoch);
    }

    public long lastTxId() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(max(tx_id), 0) FROM ledger_transaction");
             ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** What agents and the treasury were paid for verified results in transactions (after, upTo]. */
    public long feesSettled(long after, long upTo) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(sum(p.amount), 0) FROM posting p "
                + "JOIN ledger_transaction t ON t.tx_id = p.tx_id JOIN account a ON a.account_id = p.account_id "
                + "WHERE t.kind = 'RELEASE' AND a.kind IN ('AGENT', 'TREASURY') AND t.tx_id > ? AND t.tx_id <= ?")) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Verified work in transactions (after, upTo]: what each agent earned (price, and the fee paid on it) from each
     * consumer — except work
     * for a consumer account opened with the agent's own key (self-dealing), which counts for nothing.
     */
    public List<EmissionSplit.Work> verifiedWork(long after, long upTo) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT t.memo, e.account_id, sum(p.amount), "
                + "sum(CASE WHEN a.kind = 'TREASURY' THEN p.amount ELSE 0 END) "
                + "FROM ledger_transaction t JOIN escrow e ON e.task_id = t.task_id "
                + "JOIN account c ON c.account_id = e.account_id "
                + "JOIN posting p ON p.tx_id = t.tx_id JOIN account a ON a.account_id = p.account_id "
                + "WHERE t.kind = 'RELEASE' AND a.kind IN ('AGENT', 'TREASURY') AND t.tx_id > ? AND t.tx_id <= ? "
                + "AND c.owner_agent_id IS DISTINCT FROM t.memo "
                + "GROUP BY t.memo, e.account_id")) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            try (ResultSet rows = select.executeQuery()) {
                List<EmissionSplit.Work> work = new ArrayList<>();
                while (rows.next()) {
                    work.add(new EmissionSplit.Work(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getLong(4)));
                }
                return work;
            }
        }
    }

    public void accrue(long epoch, Map<String, Long> rewards) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reward_accrual (epoch, agent_id, amount) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Long> reward : rewards.entrySet()) {
                insert.setLong(1, epoch);
                insert.setString(2, reward.getKey());
                insert.setLong(3, reward.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Marks every accrual of the agent not vested yet as slashed by {@code eventId}; returns their sum. */
    public long slashUnvested(String agentId, String eventId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE reward_accrual SET slashed_by = ? "
                + "WHERE agent_id = ? AND vested_in_epoch IS NULL AND slashed_by IS NULL RETURNING amount")) {
            update.setObject(1, java.util.UUID.fromString(eventId));
            update.setString(2, agentId);
            long total = 0;
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    total += rows.getLong(1);
                }
            }
            return total;
        }
    }

    /** Rewards accrued in {@code epoch} that have not vested yet; marks them vested in {@code vestingEpoch}. */
    public Map<String, Long> vest(long epoch, long vestingEpoch) throws SQLException {
        Map<String, Long> vesting = new LinkedHashMap<>();
        try (PreparedStatement update = connection.prepareStatement("UPDATE reward_accrual SET vested_in_epoch = ? "
                + "WHERE epoch = ? AND vested_in_epoch IS NULL AND slashed_by IS NULL RETURNING agent_id, amount")) {
            update.setLong(1, vestingEpoch);
            update.setLong(2, epoch);
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    vesting.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return vesting;
    }

    private Map<String, Long> balances(String sql, Long epoch) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (epoch != null) {
                select.setLong(1, epoch);
            }
            try (ResultSet rows = select.executeQuery()) {
                Map<String, Long> balances = new LinkedHashMap<>();
                while (rows.next()) {
                    balances.put(rows.getString(1), rows.getLong(2));
                }
                return balances;
            }
        }
    }

    private Optional<Epoch> one(String sql, Long epoch) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (epoch != null) {
                select.setLong(1, epoch);
            }
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? Optional.of(new Epoch(r.getLong("epoch"), r.getTimestamp("started_at").toInstant(),
                        r.getTimestamp("closed_at").toInstant(), r.getLong("last_tx_id"), r.getLong("emission"),
                        r.getLong("fees_settled"), r.getLong("accounts"), r.getString("merkle_root"),
                        r.getString("previous_hash"), r.getString("hash"))) : Optional.empty();
            }
        }
    }
}
