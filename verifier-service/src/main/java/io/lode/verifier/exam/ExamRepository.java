package io.lode.verifier.exam;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.lode.events.exams.ExaminedSkill;
import io.lode.verifier.challenge.Challenge;

/** Exams and hidden challenges (exam questions and honeypots), on the caller's connection. */
public final class ExamRepository {

    private final Connection connection;

    public ExamRepository(Connection connection) {
        this.connection = connection;
    }

    /** A challenge sent as task {@code taskId} to an agent, with the exam it belongs to (none for a honeypot). */
    /** {@code examinedAs}: which family examines the skill and why (null for honeypots). */
    public record StoredChallenge(String taskId, String examId, String agentId, Challenge challenge, String verdict,
                                  String examinedAs) {
        public boolean isHoneypot() {
            return examId == null;
        }
    }

    /** An exam's tally so far. */
    public record Tally(String examId, String agentId, int total, int passed, int failed, List<String> reasons,
                        boolean completed) {
        public boolean allAnswered() {
            return passed + failed >= total;
        }
    }

    public void createExam(String examId, String agentId, int total) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO exam (exam_id, agent_id, total) VALUES (?, ?, ?)")) {
            insert.setString(1, examId);
            insert.setString(2, agentId);
            insert.setInt(3, total);
            insert.executeUpdate();
        }
    }

    /** Keeps a challenge sent as {@code taskId}; {@code examId} is null for a honeypot. */
    public void addChallenge(String taskId, String examId, String agentId, Challenge challenge, String examinedAs)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO challenge (task_id, exam_id, "
                + "agent_id, skill, input, checker, expected, examined_as, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, examId);
            insert.setString(3, agentId);
            insert.setString(4, challenge.skill());
            insert.setString(5, challenge.input());
            insert.setString(6, challenge.checker().name());
            insert.setString(7, challenge.expected());
            insert.setString(8, examinedAs);
            insert.setString(9, challenge.data());
            insert.executeUpdate();
        }
    }

    public Optional<StoredChallenge> challenge(String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT exam_id, agent_id, skill, input, checker, expected, verdict, examined_as, data FROM challenge "
                        + "WHERE task_id = ? "
                        + "FOR UPDATE")) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Challenge challenge = new Challenge(rows.getString(3), rows.getString(4),
                        Challenge.Checker.valueOf(rows.getString(5)), rows.getString(6), rows.getString(9));
                return Optional.of(new StoredChallenge(taskId, rows.getString(1), rows.getString(2), challenge,
                        rows.getString(7), rows.getString(8)));
            }
        }
    }

    /** Each skill of the exam with the family that examined it and why, in skill order. */
    public List<ExaminedSkill> examined(String examId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT skill, checker, examined_as "
                + "FROM challenge WHERE exam_id = ? ORDER BY skill")) {
            select.setString(1, examId);
            try (ResultSet rows = select.executeQuery()) {
                List<ExaminedSkill> examined = new ArrayList<>();
                while (rows.next()) {
                    String exam = rows.getString(2).toLowerCase(Locale.ROOT);
                    String reason = rows.getString(3) == null ? exam + " exam" : rows.getString(3);
                    examined.add(ExaminedSkill.newBuilder().setSkill(rows.getString(1))
                            .setExam(exam).setReason(reason).build());
                }
                return examined;
            }
        }
    }

    public void markJudged(String taskId, boolean passed) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE challenge SET verdict = ? WHERE task_id = ?")) {
            update.setString(1, passed ? "PASS" : "FAIL");
            update.setString(2, taskId);
            update.executeUpdate();
        }
    }

    /** Records one exam challenge's verdict and returns the exam's new tally. */
    public Tally record(StoredChallenge stored, boolean passed, String reason) throws SQLException {
        markJudged(stored.taskId(), passed);
        try (PreparedStatement update = connection.prepareStatement(passed
                ? "UPDATE exam SET passed = passed + 1 WHERE exam_id = ?"
                : "UPDATE exam SET failed = failed + 1, reasons = reasons || ? WHERE exam_id = ?")) {
            if (passed) {
                update.setString(1, stored.examId());
            } else {
                update.setString(1, reason + "\n");
                update.setString(2, stored.examId());
            }
            update.executeUpdate();
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT agent_id, total, passed, failed, reasons, completed FROM exam WHERE exam_id = ? FOR UPDATE")) {
            select.setString(1, stored.examId());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                List<String> reasons = Arrays.stream(rows.getString(5).split("\n")).filter(r -> !r.isBlank()).toList();
                return new Tally(stored.examId(), rows.getString(1), rows.getInt(2), rows.getInt(3), rows.getInt(4),
                        reasons, rows.getBoolean(6));
            }
        }
    }

    public void complete(String examId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE exam SET completed = true WHERE exam_id = ?")) {
            update.setString(1, examId);
            update.executeUpdate();
        }
    }
}
