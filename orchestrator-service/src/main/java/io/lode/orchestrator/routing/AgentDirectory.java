package io.lode.orchestrator.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lode.semantics.Vectors;

/** The orchestrator's read model of lode.agents, in table agent_view. */
public final class AgentDirectory {

    private static final String SEPARATOR = "\n";

    private final Connection connection;

    public AgentDirectory(Connection connection) {
        this.connection = connection;
    }

    /** Card facts of a registration or update; status is set only for a new agent (PENDING). */
    public void upsert(String agentId, String endpoint, String protocolVersion, boolean streaming, long price,
                       List<String> skillTerms, Embeddings.SkillVectors skillVectors) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_view (agent_id, endpoint, "
                + "protocol_version, streaming, price, status, skills, skill_vectors, vector_skills) "
                + "VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET "
                + "endpoint = EXCLUDED.endpoint, protocol_version = EXCLUDED.protocol_version, "
                + "streaming = EXCLUDED.streaming, price = EXCLUDED.price, skills = EXCLUDED.skills, "
                + "skill_vectors = EXCLUDED.skill_vectors, vector_skills = EXCLUDED.vector_skills, version = nextval('agent_view_version')")) {
            upsert.setString(1, agentId);
            upsert.setString(2, endpoint);
            upsert.setString(3, protocolVersion);
            upsert.setBoolean(4, streaming);
            upsert.setLong(5, price);
            upsert.setString(6, String.join(SEPARATOR, skillTerms));
            upsert.setBytes(7, Vectors.toBytes(skillVectors.vectors()));
            upsert.setString(8, String.join(SEPARATOR, skillVectors.skillIds()));
            upsert.executeUpdate();
        }
    }

    public void setStatus(String agentId, String status) throws SQLException {
        update("UPDATE agent_view SET status = ?, version = nextval('agent_view_version') WHERE agent_id = ?", status,
                agentId);
    }

    public void setReputation(String agentId, double reputation, long verdicts, boolean probation)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE agent_view SET reputation = ?, verdicts = ?, probation = ?, "
                        + "version = nextval('agent_view_version') WHERE agent_id = ?")) {
            update.setDouble(1, reputation);
            update.setLong(2, verdicts);
            update.setBoolean(3, probation);
            update.setString(4, agentId);
            update.executeUpdate();
        }
    }

    /** Folds one successful call's latency into the agent's moving average (weight 0.2 for the newest). */
    public void recordLatency(String agentId, double latencyMs) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent_view SET latency_ms = "
                + "CASE WHEN latency_ms IS NULL THEN ? ELSE 0.8 * latency_ms + 0.2 * ? END WHERE agent_id = ?")) {
            update.setDouble(1, latencyMs);
            update.setDouble(2, latencyMs);
            update.setString(3, agentId);
            update.executeUpdate();
        }
    }

    public List<AgentCandidate> active() throws SQLException {
        return query("SELECT * FROM agent_view WHERE status = 'ACTIVE'", null);
    }

    /** Changes routing cares about: the number of agents and the sum of their versions move with every one. */
    public long fingerprint() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT count(*) * 1000003 + COALESCE(sum(version), 0) FROM agent_view");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    public Optional<AgentCandidate> find(String agentId) throws SQLException {
        return query("SELECT * FROM agent_view WHERE agent_id = ?", agentId).stream().findFirst();
    }

    private void update(String sql, String first, String second) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, first);
            update.setString(2, second);
            update.executeUpdate();
        }
    }

    private List<AgentCandidate> query(String sql, String parameter) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setString(1, parameter);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<AgentCandidate> agents = new ArrayList<>();
                while (rows.next()) {
                    String skills = rows.getString("skills");
                    String vectorSkills = rows.getString("vector_skills");
                    agents.add(new AgentCandidate(rows.getString("agent_id"), rows.getString("endpoint"),
                            rows.getString("protocol_version"), rows.getBoolean("streaming"), rows.getLong("price"),
                            rows.getString("status"),
                            skills.isEmpty() ? List.of() : List.of(skills.split(SEPARATOR)),
                            Vectors.fromBytes(rows.getBytes("skill_vectors")),
                            vectorSkills.isEmpty() ? List.of() : List.of(vectorSkills.split(SEPARATOR)),
                            rows.getDouble("reputation"),
                            rows.getBoolean("probation"), (Double) rows.getObject("latency_ms")));
                }
                return agents;
            }
        }
    }
}
