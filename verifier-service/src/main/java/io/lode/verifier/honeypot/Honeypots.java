package io.lode.verifier.honeypot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.events.exams.HoneypotRequested;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.TaskDispatched;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.challenge.ChallengeFamily;
import io.lode.verifier.exam.ExamRepository;
import io.lode.verifier.honeypot.AgentSkills.TestableSkill;
import io.lode.verifier.verification.VerifierEvents;

/**
 * Honeypots in live traffic: after a consumer task is dispatched to an agent, with probability
 * {@code honeypotShare} a hidden challenge for one of its checkable skills is drawn and stored with a due time
 * drawn uniformly within {@code honeypotMaxDelay}; {@link #sendDue} sends it then. Its instruction is mostly that of a
 * real task of the skill or one from the family's generated space, not the exam's own. The orchestrator sends it like
 * any task (same client, same message shape, a task id of the same form), so the agent can tell neither which
 * requests are watched nor, from their timing, which consumer call drew them. The draws use a secure generator:
 * an agent must not be able to predict them.
 */
public final class Honeypots {

    /** Honeypots sent per sweep at most; the rest wait for the next one. */
    static final int BATCH = 200;

    private final VerifierConfig config;
    private final ChallengeBank bank;
    private final RandomGenerator random;

    public Honeypots(VerifierConfig config, ChallengeBank bank, RandomGenerator random) {
        this.config = config;
        this.bank = bank;
        this.random = random;
    }

    public void afterDispatch(Connection connection, TaskDispatched dispatched) throws SQLException {
        if (random.nextDouble() >= config.honeypotShare()) {
            return;
        }
        List<TestableSkill> skills = new AgentSkills(connection).checkable(dispatched.getAgentId());
        if (skills.isEmpty()) {
            return;
        }
        TestableSkill skill = skills.get(random.nextInt(skills.size()));
        Challenge challenge = phrased(bank.challengeFor(skill.skill(), skill.checker()),
                new TaskPhrasings(connection).of(skill.skill()));
        schedule(connection, dispatched.getAgentId(), challenge);
    }

    /**
     * Keeps a hidden challenge for the agent and draws when it is sent, uniformly within {@code honeypotMaxDelay}: a
     * honeypot drawn by a consumer dispatch, or a gold review drawn by a real one.
     */
    public void schedule(Connection connection, String agentId, Challenge challenge) throws SQLException {
        String taskId = VerifierEvents.newTaskId();
        new ExamRepository(connection).addChallenge(taskId, null, agentId, challenge, null);
        long delayMs = random.nextLong(Math.max(1, config.honeypotMaxDelay().toMillis()) + 1);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO honeypot_due (task_id, agent_id, due_at) VALUES (?, ?, now() + ? * interval '1 millisecond')")) {
            insert.setString(1, taskId);
            insert.setString(2, agentId);
            insert.setLong(3, delayMs);
            insert.executeUpdate();
        }
    }

    /**
     * The challenge under the instruction of a real task of its skill (half the time, when there are some), else
     * mostly under one from the family's generated space, else under the exam's own prompt.
     */
    private Challenge phrased(Challenge challenge, List<String> realInstructions) {
        ChallengeFamily family = ChallengeBank.family(challenge.checker());
        java.util.Optional<String> instruction;
        if (!realInstructions.isEmpty() && random.nextBoolean()) {
            instruction = java.util.Optional.of(realInstructions.get(random.nextInt(realInstructions.size())));
        } else if (random.nextInt(4) != 0) {
            instruction = family.instruction(random);
        } else {
            instruction = java.util.Optional.empty();
        }
        return instruction.flatMap(i -> family.rephrased(challenge, i)).orElse(challenge);
    }

    /** Sends the honeypots whose time has come (HoneypotRequested through the outbox); how many it sent. */
    public int sendDue(Connection connection) throws SQLException {
        List<String[]> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT task_id, agent_id FROM honeypot_due "
                + "WHERE due_at <= now() ORDER BY due_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        ExamRepository challenges = new ExamRepository(connection);
        for (String[] row : due) {
            String taskId = row[0];
            String agentId = row[1];
            Challenge challenge = challenges.challenge(taskId).orElseThrow().challenge();
            Outbox.append(connection, agentId, HoneypotRequested.newBuilder()
                    .setEnvelope(VerifierEvents.next(agentId, null)).setAgentId(agentId)
                    .setChallenge(io.lode.events.exams.Challenge.newBuilder().setTaskId(taskId)
                            .setSkill(challenge.skill()).setInput(challenge.input()).setData(challenge.data())
                            .build())
                    .setDeadlineMs(config.challengeDeadlineMs()).build());
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM honeypot_due WHERE task_id = ?")) {
                delete.setString(1, taskId);
                delete.executeUpdate();
            }
        }
        return due.size();
    }
}
