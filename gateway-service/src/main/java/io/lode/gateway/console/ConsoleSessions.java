package io.lode.gateway.console;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.gateway.account.ApiKeys;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The console's sign-ins. Signing in with an API key gives the browser a random session token in an HttpOnly cookie
 * (no page script can read it, so an answer that slipped past the sanitiser still could not carry the credential
 * away); the key itself stays with its owner. Only the token's SHA-256 is stored, beside the hash of the key it was
 * opened with: a session lives while that key is the account's live key, so rotating or revoking it signs every
 * browser out. Stored in the gateway's database, so any replica serves any session.
 */
@ApplicationScoped
public class ConsoleSessions {

    /** How long a sign-in lasts; then the key is asked for again. */
    static final Duration LIFETIME = Duration.ofHours(12);
    /** Sign-ins an account may hold at once (browsers, devices); a new one beyond ends the oldest. */
    static final int PER_ACCOUNT = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: whose account it acts for, and the token its state-changing requests must echo. */
    public record Session(String accountId, String csrfToken) {
    }

    /** A new session's cookie token (shown to the browser only) and the session. */
    public record Opened(String token, Session session) {
    }

    private final DataSource dataSource;

    public ConsoleSessions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Opened open(String accountId, String apiKey) throws SQLException {
        String token = random();
        String csrf = random();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO console_session (token_hash, "
                     + "account_id, key_hash, csrf_token, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, ApiKeys.hash(token));
            insert.setString(2, accountId);
            insert.setString(3, ApiKeys.hash(apiKey));
            insert.setString(4, csrf);
            insert.setTimestamp(5, Timestamp.from(Instant.now().plus(LIFETIME)));
            insert.executeUpdate();
            // a key signing in again and again cannot fill the table: the oldest sessions beyond the cap end
            try (PreparedStatement trim = connection.prepareStatement("DELETE FROM console_session WHERE "
                    + "account_id = ? AND token_hash NOT IN (SELECT token_hash FROM console_session WHERE "
                    + "account_id = ? ORDER BY created_at DESC, token_hash LIMIT ?)")) {
                trim.setString(1, accountId);
                trim.setString(2, accountId);
                trim.setInt(3, PER_ACCOUNT);
                trim.executeUpdate();
            }
        }
        return new Opened(token, new Session(accountId, csrf));
    }

    /** The live session of {@code token}: not expired, and opened with the account's current, unrevoked key. */
    public Optional<Session> find(String token) throws SQLException {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT s.account_id, s.csrf_token FROM "
                     + "console_session s JOIN api_account a ON a.account_id = s.account_id AND a.key_hash = s.key_hash "
                     + "AND a.revoked_at IS NULL WHERE s.token_hash = ? AND s.expires_at > now()")) {
            select.setString(1, ApiKeys.hash(token));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new Session(rows.getString(1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    public void close(String token) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM console_session WHERE token_hash = ?")) {
            delete.setString(1, ApiKeys.hash(token));
            delete.executeUpdate();
        }
    }

    /** Expired sign-ins are of no use to anyone: dropped every hour. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dropExpired() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM console_session WHERE expires_at <= now()")) {
            delete.executeUpdate();
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
