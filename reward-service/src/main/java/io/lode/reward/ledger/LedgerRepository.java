package io.lode.reward.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.lode.reward.escrow.Settlement.Escrow;

/** JDBC access to accounts, transactions, postings and escrows, on the caller's connection and transaction. */
public final class LedgerRepository {

    private final Connection connection;

    public LedgerRepository(Connection connection) {
        this.connection = connection;
    }

    public void ensureAccount(String accountId, Accounts.Kind kind) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account (account_id, kind) VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING")) {
            insert.setString(1, accountId);
            insert.setString(2, kind.name());
            insert.executeUpdate();
        }
    }

    public void setOwner(String accountId, String ownerAgentId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE account SET owner_agent_id = ? WHERE account_id = ?")) {
            update.setString(1, ownerAgentId);
            update.setString(2, accountId);
            update.executeUpdate();
        }
    }

    /** Locks the account row so concurrent escrows of one consumer cannot both spend the same credits. */
    public Optional<Long> lockBalance(String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT balance FROM account WHERE account_id = ? FOR UPDATE")) {
            select.setString(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    public void record(String eventId, LedgerTransaction transaction) throws SQLException {
        long txId;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_transaction (event_id, kind, task_id, memo) VALUES (?, ?, ?, ?) RETURNING tx_id")) {
            insert.setObject(1, UUID.fromString(eventId));
            insert.setString(2, transaction.kind());
            insert.setString(3, transaction.taskId());
            insert.setString(4, transaction.memo());
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                txId = rows.getLong(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO posting (tx_id, account_id, amount) VALUES (?, ?, ?)")) {
            for (Posting posting : transaction.postings()) {
                insert.setLong(1, txId);
                insert.setString(2, posting.accountId());
                insert.setLong(3, posting.amount());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public void openEscrow(Escrow escrow) throws SQLException {
        ensureAccount(Accounts.escrowOf(escrow.taskId()), Accounts.Kind.ESCROW);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO escrow (task_id, account_id, amount, redundancy, status) VALUES (?, ?, ?, ?, 'OPEN')")) {
            insert.setString(1, escrow.taskId());
            insert.setString(2, escrow.accountId());
            insert.setLong(3, escrow.amount());
            insert.setInt(4, escrow.redundancy());
            insert.executeUpdate();
        }
    }

    public Optional<Escrow> openEscrow(String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT account_id, amount, redundancy FROM escrow WHERE task_id = ? AND status = 'OPEN' FOR UPDATE")) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Escrow(taskId, rows.getString(1), rows.getLong(2), rows.getInt(3)))
                        : Optional.empty();
            }
        }
    }

    /** The escrow paid an agent and holds {@code remaining}; at zero it is RELEASED (closed). */
    public void recordPayment(String taskId, String agentId, long remaining) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO escrow_payee (task_id, agent_id) VALUES (?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, agentId);
            insert.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(remaining == 0
                ? "UPDATE escrow SET status = 'RELEASED' WHERE task_id = ?"
                : "UPDATE escrow SET amount = ? WHERE task_id = ?")) {
            if (remaining == 0) {
                update.setString(1, taskId);
            } else {
                update.setLong(1, remaining);
                update.setString(2, taskId);
            }
            update.executeUpdate();
        }
    }

    public void refundEscrow(String taskId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE escrow SET status = 'REFUNDED' WHERE task_id = ?")) {
            update.setString(1, taskId);
            update.executeUpdate();
        }
    }

    public Set<String> payees(String taskId) throws SQLException {
        return agents("SELECT agent_id FROM escrow_payee WHERE task_id = ?", taskId);
    }

    private Set<String> agents(String sql, String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                Set<String> agents = new java.util.HashSet<>();
                while (rows.next()) {
                    agents.add(rows.getString(1));
                }
                return agents;
            }
        }
    }

    public Optional<AccountView> account(String accountId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT a.kind, a.balance, COALESCE((SELECT sum(e.amount) FROM escrow e "
                        + "WHERE e.account_id = a.account_id AND e.status = 'OPEN'), 0), "
                        + "COALESCE((SELECT u.balance FROM account u WHERE u.account_id = ?), 0) "
                        + "FROM account a WHERE a.account_id = ?")) {
            select.setString(1, Accounts.unvestedOf(accountId));
            select.setString(2, accountId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new AccountView(accountId, rows.getString(1), rows.getLong(2), rows.getLong(3),
                                rows.getLong(4)))
                        : Optional.empty();
            }
        }
    }

    public List<Entry> entries(String accountId, long beforeTxId, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT t.tx_id, t.kind, t.task_id, t.memo, p.amount, t.occurred_at FROM posting p "
                        + "JOIN ledger_transaction t ON t.tx_id = p.tx_id WHERE p.account_id = ? AND p.tx_id < ? "
                        + "ORDER BY t.tx_id DESC LIMIT ?")) {
            select.setString(1, accountId);
            select.setLong(2, beforeTxId);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Entry> entries = new ArrayList<>();
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getLong(5), rows.getTimestamp(6).toInstant()));
                }
                return entries;
            }
        }
    }

    /** Every account's balance in account id order, {@code limit} at a time after {@code after}. */
    public List<Balance> balances(String after, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT account_id, balance FROM account "
                + "WHERE account_id > ? ORDER BY account_id LIMIT ?")) {
            select.setString(1, after);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Balance> balances = new ArrayList<>();
                while (rows.next()) {
                    balances.add(new Balance(rows.getString(1), rows.getLong(2)));
                }
                return balances;
            }
        }
    }

    /** One account's balance, system and escrow accounts included. */
    public record Balance(String accountId, long balance) {
    }

    /** What a balance query returns; amounts in micro-units. */
    public record AccountView(String accountId, String kind, long available, long escrowed, long unvested) {
    }

    /** One posting on an account, with its transaction. */
    public record Entry(long txId, String kind, String taskId, String memo, long amount, Instant occurredAt) {
    }
}
