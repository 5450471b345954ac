package io.lode.reward.epoch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
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

    public void insert(Epoch e, Map<String, Long> balances) throws SQLException {
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
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO epoch_balance (epoch, account_id, balance) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, Long> balance : balances.entrySet()) {
                insert.setLong(1, e.epoch());
                insert.setString(2, balance.getKey());
                insert.setLong(3, balance.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
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
