package io.lode.verifier.honeypot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lode.events.agents.AgentSkill;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.challenge.DeclaredSkill;

/** Each agent's declared skills with the challenge family that tests them, from AgentRegistered/AgentUpdated. */
public final class AgentSkills {

    /** A declared skill and its family. */
    public record TestableSkill(String skill, Challenge.Checker checker) {
    }

    /** The families whose checkers judge answers themselves, as stored (SQL list, and read back by name). */
    private static final String CHECKED_FAMILIES = "('ARITHMETIC', 'KEYWORDS', 'CLASSIFICATION', 'SUMMARY')";

    private final Connection connection;

    public AgentSkills(Connection connection) {
        this.connection = connection;
    }

    public void replace(String agentId, List<AgentSkill> skills) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM agent_skill WHERE agent_id = ?")) {
            delete.setString(1, agentId);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO agent_skill (agent_id, skill, checker, name, description, tags) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            for (AgentSkill skill : skills) {
                DeclaredSkill declared = DeclaredSkill.of(skill);
                insert.setString(1, agentId);
                insert.setString(2, skill.getId());
                insert.setString(3, ChallengeBank.familyOf(declared).family().checker().name());
                insert.setString(4, declared.name());
                insert.setString(5, declared.description());
                insert.setArray(6, connection.createArrayOf("text", declared.tags().toArray()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * The agent's skills that a checker covers (liveness proves nothing, so it makes no honeypot; a judge's golds
     * are drawn with its reviews, not with consumer dispatches).
     */
    public List<TestableSkill> checkable(String agentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT skill, checker FROM agent_skill "
                + "WHERE agent_id = ? AND checker IN " + CHECKED_FAMILIES + " ORDER BY skill")) {
            select.setString(1, agentId);
            try (ResultSet rows = select.executeQuery()) {
                List<TestableSkill> skills = new ArrayList<>();
                while (rows.next()) {
                    skills.add(new TestableSkill(rows.getString(1), Challenge.Checker.valueOf(rows.getString(2))));
                }
                return skills;
            }
        }
    }

    /**
     * The checked family of the work an agent was sent: that of the skill the task named, or — for a task naming
     * none — the one family all the agent's skills share. Empty when it is liveness, unknown or ambiguous: a
     * poem sent to an agent that also summarises must not be judged as a summary.
     */
    public Optional<Challenge.Checker> familyOfWork(String agentId, String taskSkill) throws SQLException {
        String sql = taskSkill == null ? "SELECT DISTINCT checker FROM agent_skill WHERE agent_id = ?"
                : "SELECT checker FROM agent_skill WHERE agent_id = ? AND skill = ?";
        // Only the four checked families judge consumer work; a judge's review skill is not one.
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, agentId);
            if (taskSkill != null) {
                select.setString(2, taskSkill);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<Challenge.Checker> families = new ArrayList<>();
                while (rows.next()) {
                    families.add(Challenge.Checker.valueOf(rows.getString(1)));
                }
                return families.size() == 1 && CHECKED_FAMILIES.contains(families.get(0).name())
                        ? Optional.of(families.get(0)) : Optional.empty();
            }
        }
    }

    /**
     * The declared skill of the work an agent was sent: the one the task named, or the agent's only skill; empty
     * when the task named none and the agent has several (judges are then matched on no skill: general judges only).
     */
    public Optional<DeclaredSkill> declared(String agentId, String taskSkill) throws SQLException {
        String sql = "SELECT skill, name, description, tags FROM agent_skill WHERE agent_id = ?"
                + (taskSkill == null ? "" : " AND skill = ?") + " ORDER BY skill LIMIT 2";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, agentId);
            if (taskSkill != null) {
                select.setString(2, taskSkill);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<DeclaredSkill> skills = new ArrayList<>();
                while (rows.next()) {
                    skills.add(new DeclaredSkill(rows.getString(1), rows.getString(2), rows.getString(3),
                            List.of((String[]) rows.getArray(4).getArray())));
                }
                return skills.size() == 1 ? Optional.of(skills.get(0)) : Optional.empty();
            }
        }
    }
}
