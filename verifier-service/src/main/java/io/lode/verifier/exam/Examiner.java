package io.lode.verifier.exam;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
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
import io.lode.verifier.challenge.PanelQuestions;
import io.lode.verifier.review.Golds;
import io.lode.verifier.review.JudgeStanding;
import io.lode.verifier.review.Panel;
import io.lode.verifier.review.Panels;
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

    public static final int MAX_SKILLS_EXAMINED = 5;

    private final VerifierConfig config;
    private final ChallengeBank bank;
    private final RandomGenerator random;
    private final Panels panels;
    private final Golds golds;

    public Examiner(VerifierConfig config, ChallengeBank bank, RandomGenerator random, Panels panels) {
        this.config = config;
        this.bank = bank;
        this.random = random;
        this.panels = panels;
        this.golds = new Golds(random);
    }

    /** One challenge of an exam, with which family examines its skill and why. */
    public record Planned(Challenge challenge, String examinedAs) {
    }

    /** One declared skill's part of an exam: its questions (none when the skill is past the examined ones). */
    public record SkillPlan(String skill, List<Planned> questions) {
    }

    /** Who a preview plans for: no registered agent, so no judge is left out of its panels for sharing its endpoint. */
    static final String PREVIEW_AGENT = "agt_preview";

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
        for (SkillPlan skill : plans(connection, agentId, skills)) {
            challenges.addAll(skill.questions());
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
                    .setInput(challenge.input()).setData(challenge.data()).build());
        }
        // The registry counts only the exam caused by the event it awaits: the envelope's causation names it.
        Outbox.append(connection, agentId, ExamRequested.newBuilder()
                .setEnvelope(VerifierEvents.next(agentId, cause))
                .setAgentId(agentId).setExamId(examId).setEndpoint(endpoint)
                .setProtocolVersion(protocolVersion).setChallenges(sent)
                .setDeadlineMs(config.challengeDeadlineMs()).build());
    }

    /**
     * The exam {@code skills} would get now, planned as a registration's (same families, reasons and kinds of
     * question; fresh draws, so not the questions a registration will be asked) — nothing stored, nothing sent:
     * {@code lode agent check}'s dry run.
     */
    public List<SkillPlan> preview(Connection connection, List<AgentSkill> skills) throws SQLException {
        List<SkillPlan> plans = new ArrayList<>(plans(connection, PREVIEW_AGENT, skills));
        for (AgentSkill skill : skills.subList(plans.size(), skills.size())) {
            plans.add(new SkillPlan(skill.getId(), List.of()));
        }
        return plans;
    }

    /** The first {@value #MAX_SKILLS_EXAMINED} skills' questions. */
    private List<SkillPlan> plans(Connection connection, String agentId, List<AgentSkill> skills)
            throws SQLException {
        List<SkillPlan> plans = new ArrayList<>();
        for (AgentSkill skill : skills.subList(0, Math.min(MAX_SKILLS_EXAMINED, skills.size()))) {
            plans.add(new SkillPlan(skill.getId(), plan(connection, agentId, skill)));
        }
        return plans;
    }

    /**
     * A skill's questions: {@value JudgeStanding#WINDOW} gold reviews for a judge's review skill; for a skill no
     * family checks, questions a panel scores when a full panel of judges can review it (else liveness, and the
     * reason says no panel could); otherwise {@code challengesPerSkill} challenges of its family.
     */
    private List<Planned> plan(Connection connection, String agentId, AgentSkill skill) throws SQLException {
        DeclaredSkill declared = DeclaredSkill.of(skill);
        ChallengeBank.FamilyChoice choice = ChallengeBank.familyOf(declared);
        List<Planned> planned = new ArrayList<>();
        Challenge.Checker checker = choice.family().checker();
        if (checker == Challenge.Checker.REVIEW) {
            for (int i = 0; i < JudgeStanding.WINDOW; i++) {
                planned.add(new Planned(golds.next(connection, declared), choice.reason()));
            }
            return planned;
        }
        if (checker == Challenge.Checker.LIVENESS) {
            if (panels.canSeat(connection, agentId, Optional.of(declared))) {
                String reason = "panel exam: no family covers it (" + choice.reason().replaceFirst("^liveness exam: ", "")
                        + "), so " + Panel.SIZE + " judges score its answers to questions built from its examples";
                for (Challenge question : PanelQuestions.questions(declared, skill.getExamples(),
                        config.challengesPerSkill(), random)) {
                    planned.add(new Planned(question, reason));
                }
                return planned;
            }
            choice = new ChallengeBank.FamilyChoice(choice.family(), choice.reason()
                    + "; no panel of judges can review it yet, and liveness proves no skill");
        }
        for (int i = 0; i < config.challengesPerSkill(); i++) {
            planned.add(new Planned(bank.challengeFor(skill.getId(), checker), choice.reason()));
        }
        return planned;
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
