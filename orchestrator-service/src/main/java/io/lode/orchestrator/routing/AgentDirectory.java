package io.lode.orchestrator.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The orchestrator's read model of lode.agents, in table agent_view. */
public final class AgentDirectory {

    private static final String SEPARATOR = "\n";

    private final Connection connection;

    public AgentDirectory(Connection connection) {
        this.connection = connection;
    }

    public void upsert(String agentId, String endpoint, String protocolVersion, long price, String status,
                       List<String> skillTerms) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_view (agent_id, endpoint, "
                + "protocol_version, price, status, skills) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE "
                + "SET endpoint = EXCLUDED.endpoint, protocol_version = EXCLUDED.protocol_version, "
                + "price = EXCLUDED.price, skills = EXCLUDED.skills")) {
            upsert.setString(1, agentId);
            upsert.setString(2, endpoint);
            upsert.setString(3, protocolVersion);
            upsert.setLong(4, price);
            upsert.setString(5, status);
            upsert.setString(6, String.join(SEPARATOR, skillTerms));
            upsert.executeUpdate();
        }
    }

    public void setStatus(String agentId, String status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE agent_view SET status = ? WHERE agent_id = ?")) {
            update.setString(1, status);
            update.setString(2, agentId);
            update.executeUpdate();
        }
    }

    public List<AgentCandidate> active() throws SQLException {
        return query("SELECT * FROM agent_view WHERE status = 'ACTIVE'", null);
    }

    public Optional<AgentCandidate> find(String agentId) throws SQLException {
        return query("SELECT * FROM agent_view WHERE agent_id = ?", agentId).stream().findFirst();
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
                    agents.add(new AgentCandidate(rows.getString("agent_id"), rows.getString("endpoint"),
                            rows.getString("protocol_version"), rows.getLong("price"), rows.getString("status"),
                            skills.isEmpty() ? List.of() : List.of(skills.split(SEPARATOR))));
                }
                return agents;
            }
        }
    }
}
