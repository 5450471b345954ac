package io.lode.verifier.verification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.lode.events.EventLimits;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskResultsCollected;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.exam.ExamRepository;
import io.lode.verifier.exam.ExamRepository.StoredChallenge;
import io.lode.verifier.exam.Examiner;
import io.lode.verifier.honeypot.AgentSkills;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.judging.Submission;
import io.lode.verifier.judging.VerificationPolicy;
import io.lode.verifier.llm.LlmJudge;
import io.lode.verifier.receipt.ReceiptSigner;
import io.lode.verifier.reputation.CheckedVoters;
import io.lode.verifier.reputation.Evidence;
import io.lode.verifier.reputation.LinkedAccounts;
import io.lode.verifier.reputation.ReputationKeeper;
import io.lode.verifier.verification.KnownTasks.KnownTask;

/**
 * Judges agent results: rejects results that break the event contract, judges by the policy, signs a receipt,
 * publishes the ResultVerdict, folds it into the agent's reputation and, for an exam question, into the exam. A
 * redundant task's answers are held until the orchestrator reports them all in; then each is judged with the
 * others as its peers. (A failed call is judged at once: it needs no comparison.)
 */
public final class ResultVerifier {

    private final VerificationPolicy policy;
    private final ReceiptSigner signer;
    private final Evidence evidence;
    private final ReputationKeeper reputation;
    private final Examiner examiner;
    private final Optional<LlmJudge> llmJudge;

    public ResultVerifier(VerificationPolicy policy, ReceiptSigner signer, Evidence evidence,
                          ReputationKeeper reputation, Examiner examiner, Optional<LlmJudge> llmJudge) {
        this.llmJudge = llmJudge;
        this.policy = policy;
        this.signer = signer;
        this.evidence = evidence;
        this.reputation = reputation;
        this.examiner = examiner;
    }

    public void verify(Connection connection, AgentResultReceived result) throws SQLException {
        String output = result.getOutput();
        if (output != null && output.length() > EventLimits.MAX_ANSWER_CHARS) {
            throw new RejectedEventException("output of " + output.length() + " characters for task "
                    + result.getTaskId() + " exceeds the event contract's bound of " + EventLimits.MAX_ANSWER_CHARS);
        }
        ExamRepository challenges = new ExamRepository(connection);
        Optional<StoredChallenge> challenge = challenges.challenge(result.getTaskId());
        Optional<KnownTask> task = challenge.isPresent() ? Optional.empty()
                : new KnownTasks(connection).find(result.getTaskId());
        if (challenge.isEmpty() && task.isEmpty()) {
            throw new RejectedEventException("result for unknown task " + result.getTaskId()
                    + " (no TaskSubmitted and no challenge of that id)");
        }
        if (challenge.isPresent() && !challenge.get().agentId().equals(result.getAgentId())) {
            throw new RejectedEventException("result for challenge " + result.getTaskId() + " from agent "
                    + result.getAgentId() + ", but it was addressed to " + challenge.get().agentId());
        }
        if (task.isPresent() && task.get().redundancy() > 1 && result.getOutcome() == CallOutcome.OK) {
            new KnownTasks(connection).holdResult(result);
            return;
        }
        String taskSkill = task.map(KnownTask::skill).orElse(null);
        Optional<Challenge.Checker> family = task.isPresent()
                ? new AgentSkills(connection).familyOfWork(result.getAgentId(), taskSkill) : Optional.empty();
        judge(connection, new Submission(result, challenge.map(StoredChallenge::challenge), family, List.of(),
                Set.of()), challenge, taskSkill);
    }

    /** All answers of a redundant task are in: each is judged against the others. */
    public void collected(Connection connection, TaskResultsCollected collected) throws SQLException {
        KnownTasks tasks = new KnownTasks(connection);
        Optional<KnownTask> task = tasks.find(collected.getTaskId());
        if (task.isEmpty()) {
            throw new RejectedEventException("results collected for unknown task " + collected.getTaskId());
        }
        List<AgentResultReceived> answers = tasks.heldResults(collected.getTaskId(), collected.getAgentIds());
        // Who counts is read once, before any of these verdicts moves a reputation: the order of judging cannot
        // change who votes.
        Set<String> checked = new CheckedVoters(connection).among(
                answers.stream().map(AgentResultReceived::getAgentId).toList(), task.get().skill());
        AgentSkills skills = new AgentSkills(connection);
        for (AgentResultReceived answer : answers) {
            List<AgentResultReceived> peers = answers.stream().filter(a -> a != answer).toList();
            judge(connection, new Submission(answer, Optional.empty(),
                    skills.familyOfWork(answer.getAgentId(), task.get().skill()), peers, checked), Optional.empty(),
                    task.get().skill());
        }
    }

    private void judge(Connection connection, Submission submission, Optional<StoredChallenge> challenge,
                       String taskSkill) throws SQLException {
        AgentResultReceived result = submission.result();
        Judgement judgement = policy.judge(submission);
        Outbox.append(connection, result.getTaskId(), ResultVerdict.newBuilder()
                .setEnvelope(VerifierEvents.next(result.getTaskId(), result.getEnvelope()))
                .setTaskId(result.getTaskId()).setKind(result.getKind()).setAgentId(result.getAgentId())
                .setAccountId(result.getAccountId()).setPrice(result.getPrice()).setVerdict(judgement.verdict())
                .setScore(judgement.score()).setMethod(judgement.method()).setEvidence(judgement.evidence())
                .setReceipt(signer.receipt(result, judgement)).build());

        boolean passed = judgement.verdict() == Verdict.PASS;
        boolean provesSkill = challenge.map(c -> ChallengeBank.family(c.challenge().checker()).provesSkill())
                .orElse(true);
        // Work for an account opened with the agent's own key is paid by the agent itself: it earns no reputation.
        boolean selfDealing = result.getKind() == TaskKind.CONSUMER
                && new LinkedAccounts(connection).linked(result.getAccountId(), result.getAgentId());
        long paid = result.getKind() == TaskKind.CONSUMER && !selfDealing ? result.getPrice() : 0;
        double weight = evidence.weight(judgement, challenge.isPresent(), provesSkill, paid);
        String skill = challenge.map(c -> c.challenge().skill()).orElse(taskSkill);
        reputation.observe(connection, result.getAgentId(), skill, judgement.score(), weight, passed,
                result.getEnvelope());

        if (challenge.isPresent() && challenge.get().isHoneypot()) {
            new ExamRepository(connection).markJudged(result.getTaskId(), passed);
            if (result.getOutcome() == CallOutcome.OK) {
                llmJudge.ifPresent(judge -> judge.audit(result.getInput(), result.getOutput(), judgement.verdict()));
            }
        } else if (challenge.isPresent()) {
            examiner.tally(connection, challenge.get(), judgement, result.getEnvelope());
        }
    }
}
