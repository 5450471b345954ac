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

import io.lode.registry.Problems;
import io.lode.semantics.Vectors;
import io.lode.registry.signing.SignedAgentRequest;

/** Agents and used nonces, on the caller's connection. */
public final class AgentRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String EXPIRY_REASON = "registration not renewed before it expired";

    private final Connection connection;

    public AgentRepository(Connection connection) {
        this.connection = connection;
    }

    /** Records the request's nonce, or throws 409 replayed-request if this key already used it. */
    public void useNonce(SignedAgentRequest request) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO used_nonce (agent_id, nonce, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, request.agentId());
            insert.setString(2, request.nonce());
            insert.setTimestamp(3, Timestamp.from(request.expiresAt()));
            if (insert.executeUpdate() != 1) {
                throw Problems.of(409, "replayed-request", "Request replayed",
                        "nonce " + request.nonce() + " was already used by this key");
            }
        }
    }

    /** Inserts a new agent, or revives a deregistered one; false if the agent exists and is not deregistered. */
    /**
     * Stores a new agent, or one registering again with its key: after a deregistration, or after a rejection once
     * {@code rejectedCoolDown} has passed since it was rejected. False when the key is taken otherwise.
     */
    public boolean register(AgentRecord agent, String card, String examCause, java.time.Duration rejectedCoolDown)
            throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent (agent_id, public_key, name, "
                + "card_url, endpoint, protocol_version, price, status, reasons, skills, card, card_digest, expires_at, "
                + "skill_vectors, streaming, exam_cause, examined_skill_vectors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agent_id) DO UPDATE SET "
                + "name = EXCLUDED.name, card_url = EXCLUDED.card_url, endpoint = EXCLUDED.endpoint, "
                + "protocol_version = EXCLUDED.protocol_version, price = EXCLUDED.price, status = EXCLUDED.status, "
                + "reasons = '', exam_score = NULL, exams = '[]', skills = EXCLUDED.skills, card = EXCLUDED.card, "
                + "card_digest = EXCLUDED.card_digest, expires_at = EXCLUDED.expires_at, "
                + "skill_vectors = EXCLUDED.skill_vectors, streaming = EXCLUDED.streaming, status_before_expiry = NULL, registered_at = now(), "
                + "reputation = NULL, verdicts = 0, probation = true, exam_cause = EXCLUDED.exam_cause, exam_id = NULL, "
                + "examined_skill_vectors = EXCLUDED.examined_skill_vectors, "
                + "updated_at = now() WHERE agent.status IN ('DEREGISTERED', 'REJECTED') AND (agent.rejected_at IS NULL "
                + "OR agent.rejected_at <= now() - ? * interval '1 millisecond')")) {
            upsert.setString(1, agent.agentId());
            upsert.setString(2, agent.publicKey());
            upsert.setString(3, agent.name());
            upsert.setString(4, agent.cardUrl());
            upsert.setString(5, agent.endpoint());
            upsert.setString(6, agent.protocolVersion());
            upsert.setLong(7, agent.price());
            upsert.setString(8, agent.status());
            upsert.setString(9, json(agent.skills()));
            upsert.setString(10, card);
            upsert.setString(11, agent.cardDigest());
            upsert.setTimestamp(12, Timestamp.from(agent.expiresAt()));
            upsert.setBytes(13, Vectors.toBytes(agent.skillVectors()));
            upsert.setBoolean(14, agent.streaming());
            upsert.setString(15, examCause);
            upsert.setBytes(16, Vectors.toBytes(agent.skillVectors()));
            upsert.setLong(17, rejectedCoolDown.toMillis());
            return upsert.executeUpdate() == 1;
        }
    }

    /** Replaces card, endpoint, price and skills of an agent that is not deregistered; false if it is. */
    public boolean update(AgentRecord agent, String card) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET name = ?, card_url = ?, "
                + "endpoint = ?, protocol_version = ?, price = ?, skills = ?, card = ?, card_digest = ?, "
                + "skill_vectors = ?, streaming = ?, updated_at = now() WHERE agent_id = ? AND status <> 'DEREGISTERED'")) {
            update.setString(1, agent.name());
            update.setString(2, agent.cardUrl());
            update.setString(3, agent.endpoint());
            update.setString(4, agent.protocolVersion());
            update.setLong(5, agent.price());
            update.setString(6, json(agent.skills()));
            update.setString(7, card);
            update.setString(8, agent.cardDigest());
            update.setBytes(9, Vectors.toBytes(agent.skillVectors()));
            update.setBoolean(10, agent.streaming());
            update.setString(11, agent.agentId());
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Makes the agent PENDING until the exam asked for by the event {@code examCause} decides it; an exam already
     * under way (on what the agent was before) no longer counts.
     */
    public void awaitExam(String agentId, String expected, List<String> reasons, String examCause) throws SQLException {
        // Called after update(): the vectors just stored are what the fresh exam will see.
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET status = 'PENDING', reasons = ?, "
                + "exam_cause = ?, exam_id = NULL, examined_skill_vectors = skill_vectors, updated_at = now() "
                + "WHERE agent_id = ? AND status = ?")) {
            update.setString(1, String.join("\n", reasons));
            update.setString(2, examCause);
            update.setString(3, agentId);
            update.setString(4, expected);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException(agentId + " changed status while being updated");
            }
        }
    }

    /** The skill vectors the agent's current exam saw (its current ones for agents examined before they were kept). */
    public List<float[]> examinedSkillVectors(String agentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(examined_skill_vectors, skill_vectors) FROM agent WHERE agent_id = ?")) {
            select.setString(1, agentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Vectors.fromBytes(row.getBytes(1)) : List.of();
            }
        }
    }

    /** Remembers the exam the verifier sent in answer to the agent's awaited event; false if it answers another. */
    public boolean examRequested(String agentId, String examId, String cause) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE agent SET exam_id = ? WHERE agent_id = ? AND exam_cause = ?")) {
            update.setString(1, examId);
            update.setString(2, agentId);
            update.setString(3, cause);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Whether {@code examId} is the exam that decides the agent: the one requested for its awaited event (agents
     * registered before exams were tracked await any).
     */
    public boolean decidedBy(String agentId, String examId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT exam_cause IS NULL OR exam_id = ? "
                + "FROM agent WHERE agent_id = ?")) {
            select.setString(1, examId);
            select.setString(2, agentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** Moves the agent from {@code expected} to {@code status}; false if it was not in {@code expected}. */
    /** When the agent may register again after its rejection, if it was rejected and that time is still ahead. */
    public Optional<Instant> registrableAgainAt(String agentId, java.time.Duration rejectedCoolDown)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT rejected_at FROM agent WHERE agent_id = ? "
                + "AND status IN ('DEREGISTERED', 'REJECTED') AND rejected_at IS NOT NULL")) {
            select.setString(1, agentId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Instant again = row.getTimestamp(1).toInstant().plus(rejectedCoolDown);
                return again.isAfter(Instant.now()) ? Optional.of(again) : Optional.empty();
            }
        }
    }

    /** Records which exam each skill got at the exam that just decided the agent. */
    public void recordExams(String agentId, List<AgentRecord.SkillExam> exams) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET exams = ? WHERE agent_id = ?")) {
            update.setString(1, json(exams));
            update.setString(2, agentId);
            update.executeUpdate();
        }
    }

    public boolean transition(String agentId, String expected, String status, List<String> reasons, Double examScore)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET status = ?, reasons = ?, "
                + "exam_score = COALESCE(?, exam_score), updated_at = now(), "
                + "rejected_at = CASE WHEN ? = 'REJECTED' THEN now() ELSE rejected_at END "
                + "WHERE agent_id = ? AND status = ?")) {
            update.setString(1, status);
            update.setString(2, String.join("\n", reasons));
            update.setObject(3, examScore);
            update.setString(4, status);
            update.setString(5, agentId);
            update.setString(6, expected);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Extends the registration to {@code expiresAt}; an EXPIRED agent returns to the status it expired from.
     * Returns the agent as it was before, or empty if it is unknown or deregistered.
     */
    public Optional<AgentRecord> renew(String agentId, Instant expiresAt) throws SQLException {
        Optional<AgentRecord> before = lockedFind(agentId).filter(a -> !a.status().equals("DEREGISTERED"));
        if (before.isPresent()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET expires_at = ?, "
                    + "status = CASE WHEN status = 'EXPIRED' THEN status_before_expiry ELSE status END, "
                    + "reasons = CASE WHEN status = 'EXPIRED' THEN '' ELSE reasons END, "
                    + "status_before_expiry = NULL, updated_at = now() WHERE agent_id = ?")) {
                update.setTimestamp(1, Timestamp.from(expiresAt));
                update.setString(2, agentId);
                update.executeUpdate();
            }
        }
        return before;
    }

    /** Marks the agent DEREGISTERED; returns its previous status, or empty if unknown or already deregistered. */
    public Optional<String> deregister(String agentId) throws SQLException {
        Optional<String> before = lockedFind(agentId).map(AgentRecord::status).filter(s -> !s.equals("DEREGISTERED"));
        if (before.isPresent()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET status = 'DEREGISTERED', "
                    + "status_before_expiry = NULL, updated_at = now() WHERE agent_id = ?")) {
                update.setString(1, agentId);
                update.executeUpdate();
            }
        }
        return before;
    }

    /** Records the verifier's latest overall reputation of the agent. */
    public void setReputation(String agentId, double reputation, long verdicts, boolean probation)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE agent SET reputation = ?, verdicts = ?, probation = ?, updated_at = now() WHERE agent_id = ?")) {
            update.setDouble(1, reputation);
            update.setLong(2, verdicts);
            update.setBoolean(3, probation);
            update.setString(4, agentId);
            update.executeUpdate();
        }
    }

    /** A registration that lapsed: the agent and the status it had. */
    public record Expired(String agentId, String previous) {
    }

    /** Moves up to {@code limit} agents whose registration lapsed to EXPIRED, remembering their status. */
    public List<Expired> expireDue(int limit) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE agent SET status = 'EXPIRED', "
                + "status_before_expiry = status, reasons = ?, updated_at = now() WHERE agent_id IN (SELECT agent_id FROM agent "
                + "WHERE expires_at < now() AND status IN ('PENDING', 'ACTIVE', 'SUSPENDED') ORDER BY expires_at "
                + "LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING agent_id, status_before_expiry")) {
            update.setString(1, EXPIRY_REASON);
            update.setInt(2, limit);
            try (ResultSet rows = update.executeQuery()) {
                List<Expired> expired = new ArrayList<>();
                while (rows.next()) {
                    expired.add(new Expired(rows.getString(1), rows.getString(2)));
                }
                return expired;
            }
        }
    }

    /** Forgets nonces of requests that have expired: they can no longer be replayed anyway. */
    public int forgetExpiredNonces() throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM used_nonce WHERE expires_at < now()")) {
            return delete.executeUpdate();
        }
    }

    public Optional<AgentRecord> find(String agentId) throws SQLException {
        return query("SELECT * FROM agent WHERE agent_id = ?", agentId).stream().findFirst();
    }

    /** The agents with these ids, in no particular order. */
    public List<AgentRecord> findAll(List<String> agentIds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM agent WHERE agent_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("text", agentIds.toArray()));
            return read(select);
        }
    }

    private Optional<AgentRecord> lockedFind(String agentId) throws SQLException {
        return query("SELECT * FROM agent WHERE agent_id = ? FOR UPDATE", agentId).stream().findFirst();
    }

    private List<AgentRecord> query(String sql, String agentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, agentId);
            return read(select);
        }
    }

    private static List<AgentRecord> read(PreparedStatement select) throws SQLException {
        try (ResultSet r = select.executeQuery()) {
            List<AgentRecord> agents = new ArrayList<>();
            while (r.next()) {
                agents.add(map(r));
            }
            return agents;
        }
    }

    private static AgentRecord map(ResultSet r) throws SQLException {
        try {
            List<AgentCard.Skill> skills = JSON.readValue(r.getString("skills"), new TypeReference<>() { });
            List<String> reasons = Arrays.stream(r.getString("reasons").split("\n")).filter(s -> !s.isBlank()).toList();
            return new AgentRecord(r.getString("agent_id"), r.getString("public_key"), r.getString("name"),
                    r.getString("card_url"), r.getString("endpoint"), r.getString("protocol_version"),
                    r.getBoolean("streaming"), r.getLong("price"), r.getString("status"), reasons, (Double) r.getObject("exam_score"),
                    JSON.readValue(r.getString("exams"), new TypeReference<List<AgentRecord.SkillExam>>() { }), skills,
                    Vectors.fromBytes(r.getBytes("skill_vectors")), r.getString("card_digest"),
                    r.getTimestamp("registered_at").toInstant(), r.getTimestamp("updated_at").toInstant(),
                    r.getTimestamp("expires_at").toInstant(), (Double) r.getObject("reputation"), r.getLong("verdicts"),
                    r.getBoolean("probation"));
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt skills of agent " + r.getString("agent_id"), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
