package io.lode.verifier.verification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Consumer tasks seen on lode.tasks (TaskSubmitted comes before any result of its task: same key, same
 * partition), so a result for a task nobody submitted is rejected instead of judged.
 */
public final class KnownTasks {

    /** A consumer task: the skill it named, if any. */
    public record KnownTask(String taskId, String skill) {
    }

    private final Connection connection;

    public KnownTasks(Connection connection) {
        this.connection = connection;
    }

    public void add(String taskId, String skill) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consumer_task (task_id, skill) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, taskId);
            insert.setString(2, skill);
            insert.executeUpdate();
        }
    }

    public Optional<KnownTask> find(String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT skill FROM consumer_task WHERE task_id = ?")) {
            select.setString(1, taskId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new KnownTask(taskId, row.getString(1))) : Optional.empty();
            }
        }
    }
}
