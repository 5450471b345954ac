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
