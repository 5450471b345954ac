package io.lode.registry.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Agents and used nonces, on the caller's connection. */
public final class AgentRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    public AgentRepository(Connection connection) {
        this.connection = connection;
    }

    /** Records the nonce; false if this key already used it (a replay). */
    public boolean useNonce(String agentId, String nonce, Instant expiresAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO used_nonce (agent_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, agentId);
            insert.setString(2, nonce);
            insert.setTimestamp(3, Timestamp.from(expiresAt));
            return insert.executeUpdate() == 1;
        }
    }

    /** Inserts a new agent, or revives a deregistered one; false if the agent exists and is not deregistered. */
    public boolean register(AgentRecord agent, String card) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent (agent_id, public_key, name, "
                + "card_url, endpoint, protocol_version, price, status, reasons, skills, card, card_digest, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET "
                + "name = EXCLUDED.name, card_url = EXCLUDED.card_url, endpoint = EXCLUDED.endpoint, "
                + "protocol_version = EXCLUDED.protocol_version, price = EXCLUDED.price, status = EXCLUDED.status, "
                + "reasons = '', exam_score = NULL, skills = EXCLUDED.skills, card = EXCLUDED.card, "
                + "card_digest = EXCLUDED.card_digest, expires_at = EXCLUDED.expires_at, updated_at = now() "
                + "WHERE agent.status = 'DEREGISTERED'")) {
            upsert.setString(1, agent.agentId());
            upsert.setString(2, agent.publicKey());
            upsert.setString(3, agent.name());
            upsert.setString(4, agent.cardUrl());
            upsert.setString(5, agent.endpoint());
            upsert.setString(6, agent.protocolVersion());
            upsert.setLong(7, agent.price());
            upsert.setString(8, agent.status());
            upsert.setString(9, JSON.writeValueAsString(agent.skills()));
            upsert.setString(10, card);
            upsert.setString(11, agent.cardDigest());
            upsert.setTimestamp(12, Timestamp.from(agent.expiresAt()));
            return upsert.executeUpdate() == 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the agent from {@code expected} to {@code status}; false if it was not in {@code expected}. */
    public boolean transition(String agentId, String expected, String status, List<String> reasons, Double examScore)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET status = ?, reasons = ?, "
                + "exam_score = COALESCE(?, exam_score), updated_at = now() WHERE agent_id = ? AND status = ?")) {
            update.setString(1, status);
            update.setString(2, String.join("\n", reasons));
            update.setObject(3, examScore);
            update.setString(4, agentId);
            update.setString(5, expected);
            return update.executeUpdate() == 1;
        }
    }

    public Optional<AgentRecord> find(String agentId) throws SQLException {
        List<AgentRecord> found = query("SELECT * FROM agent WHERE agent_id = ?", agentId, 1);
        return found.stream().findFirst();
    }

    public List<AgentRecord> list(String status, int limit) throws SQLException {
        return status == null
                ? query("SELECT * FROM agent ORDER BY registered_at, agent_id LIMIT ?", null, limit)
                : query("SELECT * FROM agent WHERE status = ? ORDER BY registered_at, agent_id LIMIT ?", status, limit);
    }

    private List<AgentRecord> query(String sql, String parameter, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            if (parameter != null) {
                select.setString(i++, parameter);
            }
            if (sql.endsWith("LIMIT ?")) {
                select.setInt(i, limit);
            }
            try (ResultSet r = select.executeQuery()) {
                List<AgentRecord> agents = new ArrayList<>();
                while (r.next()) {
                    agents.add(map(r));
                }
                return agents;
            }
        }
    }

    private static AgentRecord map(ResultSet r) throws SQLException {
        try {
            List<AgentCard.Skill> skills = JSON.readValue(r.getString("skills"), new TypeReference<>() { });
            List<String> reasons = Arrays.stream(r.getString("reasons").split("\n")).filter(s -> !s.isBlank()).toList();
            return new AgentRecord(r.getString("agent_id"), r.getString("public_key"), r.getString("name"),
                    r.getString("card_url"), r.getString("endpoint"), r.getString("protocol_version"),
                    r.getLong("price"), r.getString("status"), reasons, (Double) r.getObject("exam_score"), skills,
                    r.getString("card_digest"), r.getTimestamp("registered_at").toInstant(),
                    r.getTimestamp("updated_at").toInstant(), r.getTimestamp("expires_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt skills of agent " + r.getString("agent_id"), e);
        }
    }
}
