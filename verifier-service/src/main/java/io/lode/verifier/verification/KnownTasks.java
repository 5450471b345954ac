package io.lode.verifier.verification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lode.events.codec.EventCodec;
import io.lode.events.tasks.AgentResultReceived;

/**
 * Consumer tasks seen on lode.tasks (TaskSubmitted comes before any result of its task: same key, same
 * partition), so a result for a task nobody submitted is rejected instead of judged.
 */
public final class KnownTasks {

    /** A consumer task: the skill it named, if any, and how many agents it goes to. */
    public record KnownTask(String taskId, String skill, int redundancy) {
    }

    private final Connection connection;

    public KnownTasks(Connection connection) {
        this.connection = connection;
    }

    public void add(String taskId, String skill, int redundancy) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO consumer_task (task_id, skill, redundancy) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, taskId);
            insert.setString(2, skill);
            insert.setInt(3, redundancy);
            insert.executeUpdate();
        }
    }

    public Optional<KnownTask> find(String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT skill, redundancy FROM consumer_task WHERE task_id = ?")) {
            select.setString(1, taskId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new KnownTask(taskId, row.getString(1), row.getInt(2)))
                        : Optional.empty();
            }
        }
    }

    /** Keeps a redundant task's answer until all its answers are in. */
    public void holdResult(AgentResultReceived result) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pending_result (task_id, agent_id, "
                + "event) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, result.getTaskId());
            insert.setString(2, result.getAgentId());
            insert.setBytes(3, EventCodec.shared().encode(result));
            insert.executeUpdate();
        }
    }

    /** The held answers of a task from the given agents, in agent order (so judging is reproducible). */
    public List<AgentResultReceived> heldResults(String taskId, List<String> agentIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT event FROM pending_result "
                + "WHERE task_id = ? AND agent_id = ANY (?) ORDER BY agent_id")) {
            select.setString(1, taskId);
            select.setArray(2, connection.createArrayOf("text", agentIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                List<AgentResultReceived> results = new ArrayList<>();
                while (rows.next()) {
                    results.add((AgentResultReceived) EventCodec.shared().decode(rows.getBytes(1)));
                }
                return results;
            }
        }
    }
}
