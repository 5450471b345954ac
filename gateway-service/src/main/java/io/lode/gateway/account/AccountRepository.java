package io.lode.gateway.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Consumer accounts and their hashed API keys. */
@ApplicationScoped
public class AccountRepository {

    private final DataSource dataSource;

    public AccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the account and announces it (AccountOpened) in one transaction. */
    @Transactional
    public void open(String accountId, String keyHash, long startingCredits, String ownerKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO api_account (account_id, key_hash, owner_key) VALUES (?, ?, ?)")) {
            insert.setString(1, accountId);
            insert.setString(2, keyHash);
            insert.setString(3, ownerKey);
            insert.executeUpdate();
            Outbox.append(connection, accountId, AccountOpened.newBuilder()
                    .setEnvelope(Envelopes.next("gateway-service", accountId, null))
                    .setAccountId(accountId).setStartingCredits(startingCredits).setOwnerKey(ownerKey).build());
        }
    }

    /**
     * Counts one task submission of the account today (UTC); false, counting nothing, if it already made
     * {@code perDay}.
     */
    public boolean countTask(String accountId, int perDay) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO api_usage (account_id, day, tasks) "
                     + "VALUES (?, (now() AT TIME ZONE 'UTC')::date, 1) ON CONFLICT (account_id, day) DO UPDATE "
                     + "SET tasks = api_usage.tasks + 1 WHERE api_usage.tasks < ? RETURNING tasks")) {
            upsert.setString(1, accountId);
            upsert.setInt(2, perDay);
            try (ResultSet rows = upsert.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Replaces the account's key: the old one stops working at once. */
    @Transactional
    public void rotateKey(String accountId, String newKeyHash) throws SQLException {
        update("UPDATE api_account SET key_hash = ? WHERE account_id = ? AND revoked_at IS NULL", newKeyHash,
                accountId);
    }

    /** Revokes the account's key: every call with it is refused until the operator issues a new one. */
    @Transactional
    public boolean revokeKey(String accountId) throws SQLException {
        return update("UPDATE api_account SET revoked_at = now() WHERE account_id = ? AND revoked_at IS NULL",
                accountId) == 1;
    }

    /** The operator's new key for an account, revoked or not; false if there is no such account. */
    @Transactional
    public boolean reissueKey(String accountId, String newKeyHash) throws SQLException {
        return update("UPDATE api_account SET key_hash = ?, revoked_at = NULL WHERE account_id = ?", newKeyHash,
                accountId) == 1;
    }

    private int update(String sql, String... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setString(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    /** The account an unrevoked key belongs to. */
    public Optional<String> accountOf(String apiKey) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT account_id FROM api_account WHERE key_hash = ? AND revoked_at IS NULL")) {
            select.setString(1, ApiKeys.hash(apiKey));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
