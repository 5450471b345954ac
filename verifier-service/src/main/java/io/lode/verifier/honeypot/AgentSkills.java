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
                "INSERT INTO agent_skill (agent_id, skill, checker) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (AgentSkill skill : skills) {
                insert.setString(1, agentId);
                insert.setString(2, skill.getId());
                insert.setString(3, ChallengeBank.familyOf(DeclaredSkill.of(skill)).family().checker().name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The agent's skills that a checker covers (liveness proves nothing, so it makes no honeypot). */
    public List<TestableSkill> checkable(String agentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT skill, checker FROM agent_skill "
                + "WHERE agent_id = ? AND checker <> 'LIVENESS' ORDER BY skill")) {
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
                return families.size() == 1 && families.get(0) != Challenge.Checker.LIVENESS
                        ? Optional.of(families.get(0)) : Optional.empty();
            }
        }
    }
}
