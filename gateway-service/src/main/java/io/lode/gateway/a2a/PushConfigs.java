package io.lode.gateway.a2a;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** The webhooks A2A callers asked a task's updates to be pushed to, and how far each delivery has got. */
@ApplicationScoped
public class PushConfigs {

    /** One webhook of one task; {@code credentials} never leave the gateway except to that webhook. */
    public record PushConfig(String taskId, String configId, String accountId, String contextId, boolean legacy,
                             String url, String token, String authScheme, String authCredentials,
                             String deliveredState, int attempts, String lastError, Instant finishedAt) {
    }

    /** How long a replica holds a webhook's delivery before another may take it over. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private final DataSource dataSource;

    public PushConfigs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores (or replaces, for the same id) a task's webhook; false when the task has {@code perTask} others. */
    public boolean save(PushConfig config, int perTask) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO a2a_push_config (task_id, config_id, "
                     + "account_id, context_id, legacy, url, token, auth_scheme, auth_credentials) "
                     + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM a2a_push_config WHERE task_id = ? "
                     + "AND config_id <> ?) < ? ON CONFLICT (task_id, config_id) DO UPDATE SET url = EXCLUDED.url, "
                     + "token = EXCLUDED.token, auth_scheme = EXCLUDED.auth_scheme, auth_credentials = "
                     + "EXCLUDED.auth_credentials, attempts = 0, last_error = NULL, finished_at = NULL, "
                     + "delivered_state = NULL, next_attempt_at = now() WHERE a2a_push_config.account_id = "
                     + "EXCLUDED.account_id")) {
            int i = 1;
            insert.setString(i++, config.taskId());
            insert.setString(i++, config.configId());
            insert.setString(i++, config.accountId());
            insert.setString(i++, config.contextId());
            insert.setBoolean(i++, config.legacy());
            insert.setString(i++, config.url());
            insert.setString(i++, config.token());
            insert.setString(i++, config.authScheme());
            insert.setString(i++, config.authCredentials());
            insert.setString(i++, config.taskId());
            insert.setString(i++, config.configId());
            insert.setInt(i, perTask);
            return insert.executeUpdate() == 1;
        }
    }

    public Optional<PushConfig> find(String accountId, String taskId, String configId) throws SQLException {
        List<PushConfig> found = select("SELECT * FROM a2a_push_config WHERE account_id = ? AND task_id = ? "
                + "AND config_id = ?", accountId, taskId, configId);
        return found.stream().findFirst();
    }

    public List<PushConfig> ofTask(String accountId, String taskId) throws SQLException {
        return select("SELECT * FROM a2a_push_config WHERE account_id = ? AND task_id = ? ORDER BY created_at, "
                + "config_id", accountId, taskId);
    }

    public boolean delete(String accountId, String taskId, String configId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM a2a_push_config WHERE account_id = ? "
                     + "AND task_id = ? AND config_id = ?")) {
            delete.setString(1, accountId);
            delete.setString(2, taskId);
            delete.setString(3, configId);
            return delete.executeUpdate() == 1;
        }
    }

    /**
     * Takes up to {@code limit} webhooks due for a look, leased to this replica for {@link #LEASE}: a replica that dies
     * holding one lets another take it when the lease ends.
     */
    public List<PushConfig> claimDue(int limit) throws SQLException {
        return select("UPDATE a2a_push_config SET lease_until = now() + ? * interval '1 second' "
                + "WHERE (task_id, config_id) IN (SELECT task_id, config_id FROM a2a_push_config "
                + "WHERE finished_at IS NULL AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now()) "
                + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING *", LEASE.toSeconds(), limit);
    }

    /** Nothing new to push: look again after {@code after}. */
    public void release(PushConfig config, Duration after) throws SQLException {
        update("UPDATE a2a_push_config SET lease_until = NULL, next_attempt_at = ? WHERE task_id = ? AND config_id = ?",
                Timestamp.from(Instant.now().plus(after)), config.taskId(), config.configId());
    }

    /** The webhook took {@code state}; {@code last}: the task is decided, nothing more will come. */
    public void delivered(PushConfig config, String state, boolean last) throws SQLException {
        update("UPDATE a2a_push_config SET delivered_state = ?, attempts = 0, last_error = NULL, lease_until = NULL, "
                + "next_attempt_at = now() + interval '1 second', finished_at = CASE WHEN ? THEN now() END "
                + "WHERE task_id = ? AND config_id = ?", state, last, config.taskId(), config.configId());
    }

    /** The webhook refused or failed: tried again after {@code backoff}, or given up once {@code giveUp}. */
    public void failed(PushConfig config, String error, Duration backoff, boolean giveUp) throws SQLException {
        update("UPDATE a2a_push_config SET attempts = attempts + 1, last_error = ?, lease_until = NULL, "
                + "next_attempt_at = ?, finished_at = CASE WHEN ? THEN now() END WHERE task_id = ? AND config_id = ?",
                error.length() > 500 ? error.substring(0, 500) : error, Timestamp.from(Instant.now().plus(backoff)),
                giveUp, config.taskId(), config.configId());
    }

    private void update(String sql, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private List<PushConfig> select(String sql, Object... values) throws SQLException {
        List<PushConfig> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp finished = rows.getTimestamp("finished_at");
                    found.add(new PushConfig(rows.getString("task_id"), rows.getString("config_id"),
                            rows.getString("account_id"), rows.getString("context_id"), rows.getBoolean("legacy"),
                            rows.getString("url"), rows.getString("token"), rows.getString("auth_scheme"),
                            rows.getString("auth_credentials"), rows.getString("delivered_state"),
                            rows.getInt("attempts"), rows.getString("last_error"),
                            finished == null ? null : finished.toInstant()));
                }
            }
        }
        return found;
    }
}
