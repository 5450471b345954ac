package io.lode.registry.lifecycle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent's overall reputation over time, one point per hour: the last change within it. Hourly, so the history
 * of a busy agent (a change per verdict) stays a few thousand rows however many tasks it takes.
 */
public final class ReputationHistory {

    /** The reputation as it stood at the end of {@code hour} (or at {@code changedAt}, for the current hour). */
    public record Point(Instant hour, double reputation, long verdicts, boolean probation, Instant changedAt) {
    }

    private final Connection connection;

    public ReputationHistory(Connection connection) {
        this.connection = connection;
    }

    /**
     * Records a change at {@code changedAt} (the event's time, so a replay writes the same history); a change older
     * than the hour's recorded one — a late redelivery — leaves it as it is.
     */
    public void record(String agentId, double reputation, long verdicts, boolean probation, Instant changedAt)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO agent_reputation_point (agent_id, hour, reputation, verdicts, probation, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_id, hour) DO UPDATE SET reputation = EXCLUDED.reputation,
                    verdicts = EXCLUDED.verdicts, probation = EXCLUDED.probation, changed_at = EXCLUDED.changed_at
                    WHERE agent_reputation_point.changed_at <= EXCLUDED.changed_at""")) {
            upsert.setString(1, agentId);
            upsert.setTimestamp(2, Timestamp.from(changedAt.truncatedTo(ChronoUnit.HOURS)));
            upsert.setDouble(3, reputation);
            upsert.setLong(4, verdicts);
            upsert.setBoolean(5, probation);
            upsert.setTimestamp(6, Timestamp.from(changedAt));
            upsert.executeUpdate();
        }
    }

    /** The agent's points since {@code since}, oldest first. */
    public List<Point> since(String agentId, Instant since) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT hour, reputation, verdicts, probation, "
                + "changed_at FROM agent_reputation_point WHERE agent_id = ? AND hour >= ? ORDER BY hour")) {
            select.setString(1, agentId);
            select.setTimestamp(2, Timestamp.from(since.truncatedTo(ChronoUnit.HOURS)));
            List<Point> points = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    points.add(new Point(rows.getTimestamp(1).toInstant(), rows.getDouble(2), rows.getLong(3),
                            rows.getBoolean(4), rows.getTimestamp(5).toInstant()));
                }
            }
            return points;
        }
    }

    /** Drops the points of hours before {@code before}; how many. */
    public int dropBefore(Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM agent_reputation_point WHERE hour < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
