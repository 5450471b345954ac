package io.lode.verifier.reputation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reputation rows per agent and skill ({@code ""} for the agent as a whole), on the caller's connection. */
public final class ReputationRepository {

    public static final String OVERALL = "";

    private final Connection connection;

    public ReputationRepository(Connection connection) {
        this.connection = connection;
    }

    /** The current reputation, locked for this transaction; fresh if the agent has none yet. */
    public Reputation lock(String agentId, String skill) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reputation (agent_id, skill) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, agentId);
            insert.setString(2, skill);
            insert.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT alpha, beta, verdicts, passes, probation "
                + "FROM reputation WHERE agent_id = ? AND skill = ? FOR UPDATE")) {
            select.setString(1, agentId);
            select.setString(2, skill);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return new Reputation(row.getDouble(1), row.getDouble(2), row.getLong(3), row.getLong(4),
                        row.getBoolean(5));
            }
        }
    }

    /** The current reputation, unlocked; empty if the agent has none for {@code skill}. */
    public java.util.Optional<Reputation> find(String agentId, String skill) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT alpha, beta, verdicts, passes, probation "
                + "FROM reputation WHERE agent_id = ? AND skill = ?")) {
            select.setString(1, agentId);
            select.setString(2, skill);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? java.util.Optional.of(new Reputation(row.getDouble(1), row.getDouble(2),
                        row.getLong(3), row.getLong(4), row.getBoolean(5))) : java.util.Optional.empty();
            }
        }
    }

    public void save(String agentId, String skill, Reputation reputation) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE reputation SET alpha = ?, beta = ?, "
                + "verdicts = ?, passes = ?, probation = ?, updated_at = now() WHERE agent_id = ? AND skill = ?")) {
            update.setDouble(1, reputation.alpha());
            update.setDouble(2, reputation.beta());
            update.setLong(3, reputation.verdicts());
            update.setLong(4, reputation.passes());
            update.setBoolean(5, reputation.probation());
            update.setString(6, agentId);
            update.setString(7, skill);
            update.executeUpdate();
        }
    }

    /** One skill's standing ({@link #OVERALL} for the agent as a whole). */
    public record Standing(String skill, Reputation reputation) {
    }

    /** Every standing of the agent, the overall one first, then by skill. */
    public java.util.List<Standing> all(String agentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT skill, alpha, beta, verdicts, passes, "
                + "probation FROM reputation WHERE agent_id = ? ORDER BY skill")) {
            select.setString(1, agentId);
            java.util.List<Standing> standings = new java.util.ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    standings.add(new Standing(row.getString(1), new Reputation(row.getDouble(2), row.getDouble(3),
                            row.getLong(4), row.getLong(5), row.getBoolean(6))));
                }
            }
            return standings;
        }
    }
}
