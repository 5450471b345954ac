package io.lode.verifier.exam;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.exams.ExamCompleted;
import io.lode.events.exams.ExamRequested;
import io.lode.events.exams.ExamVerdict;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.exam.ExamRepository.StoredChallenge;
import io.lode.verifier.exam.ExamRepository.Tally;
import io.lode.verifier.judging.ArithmeticCheck;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.judging.ResultJudge;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Examines new agents and judges every agent result: dedupe by eventId, judge, and write verdicts and exam
 * outcomes to the outbox in one transaction.
 */
@ApplicationScoped
public class VerifierEventHandler {

    static final String PRODUCER = "verifier-service";
    private static final int MAX_SKILLS_EXAMINED = 5;

    private final DataSource dataSource;
    private final VerifierConfig config;
    private final ChallengeBank bank = new ChallengeBank(new SecureRandom());

    public VerifierEventHandler(DataSource dataSource, VerifierConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    @Transactional
    public void handle(SpecificRecord event) {
        Envelope envelope = Envelopes.of(event);
        try (Connection connection = dataSource.getConnection()) {
            if (!Inbox.firstDelivery(connection, PRODUCER, envelope.getEventId())) {
                return;
            }
            ExamRepository exams = new ExamRepository(connection);
            if (event instanceof AgentRegistered registered) {
                examine(connection, exams, registered);
            } else if (event instanceof AgentResultReceived result) {
                Optional<StoredChallenge> challenge = exams.challenge(result.getTaskId());
                if (challenge.isPresent()) {
                    Judgement judgement = judgeChallenge(challenge.get().challenge(), result);
                    verdict(connection, result, judgement);
                    tally(connection, exams, challenge.get(), judgement, envelope);
                } else if (result.getKind() == TaskKind.CONSUMER) {
                    verdict(connection, result, ResultJudge.judge(result));
                }
            } else if (event instanceof TaskFailed failed) {
                Optional<StoredChallenge> challenge = exams.challenge(failed.getTaskId());
                if (challenge.isPresent() && challenge.get().verdict() == null) {
                    tally(connection, exams, challenge.get(),
                            Judgement.fail("protocol", "no answer: " + failed.getReason()), envelope);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("verification failed for " + event.getClass().getSimpleName(), e);
        }
    }

    private void examine(Connection connection, ExamRepository exams, AgentRegistered registered) throws SQLException {
        List<Challenge> challenges = new ArrayList<>();
        for (AgentSkill skill : registered.getSkills().subList(0, Math.min(MAX_SKILLS_EXAMINED,
                registered.getSkills().size()))) {
            String text = skill.getName() + " " + (skill.getDescription() == null ? "" : skill.getDescription()) + " "
                    + String.join(" ", skill.getTags());
            for (int i = 0; i < config.challengesPerSkill(); i++) {
                challenges.add(bank.challengeFor(skill.getId(), text));
            }
        }
        if (challenges.isEmpty()) {
            challenges.add(bank.challengeFor("liveness", ""));
        }
        String examId = "exm_" + UUID.randomUUID().toString().replace("-", "");
        exams.createExam(examId, registered.getAgentId(), challenges.size());
        List<io.lode.events.exams.Challenge> sent = new ArrayList<>();
        for (Challenge challenge : challenges) {
            String taskId = "tsk_" + UUID.randomUUID().toString().replace("-", "");
            exams.addChallenge(taskId, examId, challenge);
            sent.add(io.lode.events.exams.Challenge.newBuilder().setTaskId(taskId).setSkill(challenge.skill())
                    .setInput(challenge.input()).build());
        }
        Outbox.append(connection, registered.getAgentId(), ExamRequested.newBuilder()
                .setEnvelope(Envelopes.next(PRODUCER, registered.getAgentId(), registered.getEnvelope().getEventId()))
                .setAgentId(registered.getAgentId()).setExamId(examId).setEndpoint(registered.getEndpoint())
                .setProtocolVersion(registered.getProtocolVersion()).setChallenges(sent)
                .setDeadlineMs(config.challengeDeadlineMs()).build());
    }

    static Judgement judgeChallenge(Challenge challenge, AgentResultReceived result) {
        Optional<Judgement> protocolFailure = ResultJudge.protocolFailure(result.getOutcome(), result.getOutput(),
                result.getError());
        if (protocolFailure.isPresent()) {
            return protocolFailure.get();
        }
        return switch (challenge.checker()) {
            case ARITHMETIC -> ArithmeticCheck.judge(new BigDecimal(challenge.expected()), result.getOutput());
            case LIVENESS -> Judgement.pass("liveness", 1.0, "answered a liveness challenge");
        };
    }

    private void tally(Connection connection, ExamRepository exams, StoredChallenge challenge, Judgement judgement,
                       Envelope cause) throws SQLException {
        boolean passed = judgement.verdict() == io.lode.events.verdicts.Verdict.PASS;
        String reason = "skill '" + challenge.challenge().skill() + "': " + String.join("; ", judgement.evidence());
        Tally tally = exams.record(challenge, passed, reason);
        if (tally.completed() || !tally.allAnswered()) {
            return;
        }
        exams.complete(tally.examId());
        double score = tally.total() == 0 ? 0 : (double) tally.passed() / tally.total();
        ExamVerdict verdict = score >= config.examPassRate() ? ExamVerdict.PASS : ExamVerdict.FAIL;
        Outbox.append(connection, tally.agentId(), ExamCompleted.newBuilder()
                .setEnvelope(Envelopes.next(PRODUCER, tally.agentId(), cause.getEventId()))
                .setAgentId(tally.agentId()).setExamId(tally.examId()).setVerdict(verdict).setScore(score)
                .setReasons(tally.reasons()).build());
    }

    private static void verdict(Connection connection, AgentResultReceived result, Judgement judgement)
            throws SQLException {
        Outbox.append(connection, result.getTaskId(), ResultVerdict.newBuilder()
                .setEnvelope(Envelopes.next(PRODUCER, result.getTaskId(), result.getEnvelope().getEventId()))
                .setTaskId(result.getTaskId()).setKind(result.getKind()).setAgentId(result.getAgentId())
                .setAccountId(result.getAccountId()).setPrice(result.getPrice()).setVerdict(judgement.verdict())
                .setScore(judgement.score()).setMethod(judgement.method()).setEvidence(judgement.evidence()).build());
    }
}
