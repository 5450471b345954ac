package io.lode.verifier.honeypot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.events.exams.HoneypotRequested;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.TaskDispatched;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.exam.ExamRepository;
import io.lode.verifier.honeypot.AgentSkills.TestableSkill;
import io.lode.verifier.verification.VerifierEvents;

/**
 * Honeypots in live traffic: after a consumer task is dispatched to an agent, with probability
 * {@code honeypotShare} the agent also gets a hidden challenge for one of its checkable skills. The orchestrator
 * sends it like any task (same client, same message shape, a task id of the same form), so the agent cannot
 * tell which requests are watched. The draw uses a secure generator: an agent must not be able to predict it.
 */
public final class Honeypots {

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
        Challenge challenge = bank.challengeFor(skill.skill(), skill.checker());
        String taskId = VerifierEvents.newTaskId();
        new ExamRepository(connection).addChallenge(taskId, null, dispatched.getAgentId(), challenge, null);
        Outbox.append(connection, dispatched.getAgentId(), HoneypotRequested.newBuilder()
                .setEnvelope(VerifierEvents.next(dispatched.getAgentId(), dispatched.getEnvelope()))
                .setAgentId(dispatched.getAgentId())
                .setChallenge(io.lode.events.exams.Challenge.newBuilder().setTaskId(taskId)
                        .setSkill(challenge.skill()).setInput(challenge.input()).build())
                .setDeadlineMs(config.challengeDeadlineMs()).build());
    }
}
