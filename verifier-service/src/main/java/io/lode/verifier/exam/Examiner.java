package io.lode.verifier.exam;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lode.events.Envelope;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.exams.ExamCompleted;
import io.lode.events.exams.ExamRequested;
import io.lode.events.exams.ExamVerdict;
import io.lode.events.outbox.Outbox;
import io.lode.events.verdicts.Verdict;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.challenge.DeclaredSkill;
import io.lode.verifier.exam.ExamRepository.StoredChallenge;
import io.lode.verifier.exam.ExamRepository.Tally;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.verification.VerifierEvents;

/**
 * Onboarding exams: {@code challengesPerSkill} hidden challenges per declared skill (up to five skills), sent as
 * one ExamRequested; once every challenge is judged (or its task failed), ExamCompleted with the share passed and
 * one readable reason per failed challenge.
 */
public final class Examiner {

    private static final int MAX_SKILLS_EXAMINED = 5;

    private final VerifierConfig config;
    private final ChallengeBank bank;

    public Examiner(VerifierConfig config, ChallengeBank bank) {
        this.config = config;
        this.bank = bank;
    }

    /** One challenge of an exam, with which family examines its skill and why. */
    private record Planned(Challenge challenge, String examinedAs) {
    }

    public void examine(Connection connection, AgentRegistered registered) throws SQLException {
        examine(connection, registered.getAgentId(), registered.getSkills(), registered.getEndpoint(),
                registered.getProtocolVersion(), registered.getEnvelope());
    }

    /** A fresh exam of an agent whose update changed what its exam saw (AgentUpdated with examReasons). */
    public void examine(Connection connection, AgentUpdated updated) throws SQLException {
        examine(connection, updated.getAgentId(), updated.getSkills(), updated.getEndpoint(),
                updated.getProtocolVersion(), updated.getEnvelope());
    }

    private void examine(Connection connection, String agentId, List<AgentSkill> skills, String endpoint,
                         String protocolVersion, Envelope cause) throws SQLException {
        List<Planned> challenges = new ArrayList<>();
        for (AgentSkill skill : skills.subList(0, Math.min(MAX_SKILLS_EXAMINED, skills.size()))) {
            ChallengeBank.FamilyChoice choice = ChallengeBank.familyOf(DeclaredSkill.of(skill));
            for (int i = 0; i < config.challengesPerSkill(); i++) {
                challenges.add(new Planned(bank.challengeFor(skill.getId(), choice.family().checker()),
                        choice.reason()));
            }
        }
        if (challenges.isEmpty()) {
            challenges.add(new Planned(bank.challengeFor("liveness", Challenge.Checker.LIVENESS),
                    "liveness exam: the card declares no skill"));
        }
        ExamRepository exams = new ExamRepository(connection);
        String examId = "exm_" + UUID.randomUUID().toString().replace("-", "");
        exams.createExam(examId, agentId, challenges.size());
        List<io.lode.events.exams.Challenge> sent = new ArrayList<>();
        for (Planned planned : challenges) {
            Challenge challenge = planned.challenge();
            String taskId = VerifierEvents.newTaskId();
            exams.addChallenge(taskId, examId, agentId, challenge, planned.examinedAs());
            sent.add(io.lode.events.exams.Challenge.newBuilder().setTaskId(taskId).setSkill(challenge.skill())
                    .setInput(challenge.input()).build());
        }
        // The registry counts only the exam caused by the event it awaits: the envelope's causation names it.
        Outbox.append(connection, agentId, ExamRequested.newBuilder()
                .setEnvelope(VerifierEvents.next(agentId, cause))
                .setAgentId(agentId).setExamId(examId).setEndpoint(endpoint)
                .setProtocolVersion(protocolVersion).setChallenges(sent)
                .setDeadlineMs(config.challengeDeadlineMs()).build());
    }

    /** Counts one exam challenge's judgement; completes the exam when it was the last one. */
    public void tally(Connection connection, StoredChallenge challenge, Judgement judgement, Envelope cause)
            throws SQLException {
        boolean passed = judgement.verdict() == Verdict.PASS;
        String reason = "skill '" + challenge.challenge().skill() + "'"
                + (challenge.examinedAs() == null ? "" : " (" + challenge.examinedAs() + ")") + ": "
                + String.join("; ", judgement.evidence());
        ExamRepository exams = new ExamRepository(connection);
        Tally tally = exams.record(challenge, passed, reason);
        if (tally.completed() || !tally.allAnswered()) {
            return;
        }
        exams.complete(tally.examId());
        double score = tally.total() == 0 ? 0 : (double) tally.passed() / tally.total();
        ExamVerdict verdict = score >= config.examPassRate() ? ExamVerdict.PASS : ExamVerdict.FAIL;
        Outbox.append(connection, tally.agentId(), ExamCompleted.newBuilder()
                .setEnvelope(VerifierEvents.next(tally.agentId(), cause))
                .setAgentId(tally.agentId()).setExamId(tally.examId()).setVerdict(verdict).setScore(score)
                .setReasons(tally.reasons()).setExamined(exams.examined(tally.examId())).build());
    }
}
