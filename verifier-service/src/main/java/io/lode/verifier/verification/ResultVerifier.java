package io.lode.verifier.verification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.lode.events.EventLimits;
import io.lode.events.consume.EventContext;
import io.lode.events.outbox.Outbox;
import io.lode.events.outbox.TraceContext;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskDisputed;
import io.lode.events.tasks.TaskResultsCollected;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.events.verdicts.PanelScore;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.DeclaredSkill;
import io.lode.verifier.challenge.ReviewGolds;
import io.lode.verifier.judging.ProtocolCheck;
import io.lode.verifier.review.GoldKind;
import io.lode.verifier.review.Holds;
import io.lode.verifier.review.Judges;
import io.lode.verifier.review.Panel;
import io.lode.verifier.review.Panels;
import io.lode.verifier.review.ReviewAnswer;
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
 * others as its peers. (A failed call is judged at once: it needs no comparison.) Work nothing checks — a single
 * consumer answer that would pass on the protocol alone, a panel exam question — goes to a panel of judges
 * ({@link Panels}); its verdict is recorded when the judges have answered, naming every score.
 */
public final class ResultVerifier {

    private static final ProtocolCheck PROTOCOL = new ProtocolCheck();

    private final VerificationPolicy policy;
    private final ReceiptSigner signer;
    private final Evidence evidence;
    private final ReputationKeeper reputation;
    private final Examiner examiner;
    private final Optional<LlmJudge> llmJudge;
    private final Panels panels;
    private final Holds holds;

    public ResultVerifier(VerificationPolicy policy, ReceiptSigner signer, Evidence evidence,
                          ReputationKeeper reputation, Examiner examiner, Optional<LlmJudge> llmJudge, Panels panels,
                          Holds holds) {
        this.llmJudge = llmJudge;
        this.panels = panels;
        this.holds = holds;
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
        if (panels.isReviewBy(connection, result.getTaskId(), result.getAgentId())) {
            reviewAnswered(connection, result);
            return;
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

    /**
     * Judges by the policy — except a panel exam question, which only the protocol check may fail — and, when nothing
     * checked it, hands the result to judges: a single consumer answer passed on the protocol alone is held
     * ({@link Holds}: answered at once, its fee held, reviewed when sampled or disputed), a panel exam question goes
     * to a panel. Without enough judges a consumer answer keeps its protocol-only pass (no reputation) and an exam
     * question is INCONCLUSIVE (the exam counts it as not passed).
     */
    private void judge(Connection connection, Submission submission, Optional<StoredChallenge> challenge,
                       String taskSkill) throws SQLException {
        AgentResultReceived result = submission.result();
        boolean panelQuestion = challenge.filter(c -> c.challenge().checker() == Challenge.Checker.PANEL).isPresent();
        Judgement judgement = panelQuestion ? PROTOCOL.judge(submission).orElse(null) : policy.judge(submission);
        boolean unchecked = result.getKind() == TaskKind.CONSUMER && submission.peers().isEmpty()
                && judgement != null && judgement.method().equals(VerificationPolicy.UNCHECKED);
        if (judgement == null || unchecked) {
            String skill = panelQuestion ? challenge.get().challenge().skill() : taskSkill;
            Optional<DeclaredSkill> declared = new AgentSkills(connection).declared(result.getAgentId(), skill);
            if (unchecked ? holds.hold(connection, result, declared, skill)
                    : panels.open(connection, result, declared, skill)) {
                return; // the verdict comes when a panel has decided, or when the hold ends
            }
            if (judgement == null) {
                judgement = new Judgement(Verdict.INCONCLUSIVE, Panels.METHOD, 0.5, List.of("no panel could be drawn: "
                        + "fewer than " + Panel.SIZE + " active judges with weight review this skill"));
            }
        }
        record(connection, result, judgement, challenge, taskSkill, List.of());
    }

    /**
     * A judge answered a review: its own call is PASS when it gave a readable score (what it scored stays with the
     * panel, blind) and FAIL otherwise — neither moves its reputation, its gold record does that. When it was the
     * last answer due, the panel's verdict on the work it reviewed is recorded like any verdict.
     */
    private void reviewAnswered(Connection connection, AgentResultReceived review) throws SQLException {
        Optional<ReviewAnswer> answer = review.getOutcome() == CallOutcome.OK
                ? ReviewAnswer.fromOutput(review.getOutput()) : Optional.empty();
        Judgement own = answer.isPresent() ? Judgement.pass(ReviewGolds.METHOD, 1.0, "review received")
                : PROTOCOL.judge(new Submission(review, Optional.empty())).orElseGet(() -> Judgement.fail(
                        ReviewGolds.METHOD, "no readable score: answer with a data part {\"score\": 0..1} or a last "
                                + "line \"SCORE: n\" (0 to 10)"));
        publish(connection, review, own, List.of());
        reviewDecided(connection, panels.answered(connection, review.getTaskId(), answer));
    }

    /** A review whose task failed (never called, or no result) counts as answered without a score. */
    public boolean reviewFailed(Connection connection, String reviewTaskId) throws SQLException {
        if (!panels.isReview(connection, reviewTaskId)) {
            return false;
        }
        reviewDecided(connection, panels.answered(connection, reviewTaskId, Optional.empty()));
        return true;
    }

    /** Reviews sent long enough ago to have timed out, counted as answered without a score. */
    public int expireReviews(Connection connection) throws SQLException {
        List<String> overdue = panels.overdue(connection);
        for (String reviewTaskId : overdue) {
            reviewDecided(connection, panels.answered(connection, reviewTaskId, Optional.empty()));
        }
        return overdue.size();
    }

    private void reviewDecided(Connection connection, Optional<Panels.Decided> decided) throws SQLException {
        if (decided.isPresent()) {
            Panels.Decided d = decided.get();
            try (EventContext ids = EventContext.of(d.result(), null)) { // the work decided, not the review that decided it
                holds.decided(connection, d.result().getTaskId());
                record(connection, d.result(), d.judgement(),
                        new ExamRepository(connection).challenge(d.result().getTaskId()), d.taskSkill(), d.scores());
            }
        }
    }

    /** The paying consumer disputes a held answer: a panel reviews it ({@link Holds#disputed}). */
    public void disputed(Connection connection, TaskDisputed dispute) throws SQLException {
        holds.disputed(connection, dispute);
    }

    /**
     * Held answers whose hold ended with no panel on them are paid as what they are — work nothing checked: a
     * protocol-only PASS, which moves no reputation.
     */
    public int releaseHolds(Connection connection) throws SQLException {
        List<Holds.Due> due = holds.due(connection);
        for (Holds.Due d : due) {
            // the verdict belongs to the task's trace, not to the sweep's
            try (EventContext ids = EventContext.of(d.result(), null); Trace trace = new Trace(d.traceParent())) {
                releaseHold(connection, d);
            }
        }
        return due.size();
    }

    /** {@link TraceContext#continueFrom} as a resource whose closing throws nothing. */
    private static final class Trace implements AutoCloseable {
        private final AutoCloseable scope;

        Trace(String traceParent) {
            this.scope = TraceContext.continueFrom(traceParent);
        }

        @Override
        public void close() {
            try {
                scope.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot leave the trace of a held answer", e);
            }
        }
    }

    private void releaseHold(Connection connection, Holds.Due d) throws SQLException {
        Judgement unreviewed = new Judgement(Verdict.PASS, VerificationPolicy.UNCHECKED, 0.5, List.of(
                "answered within protocol and size; no checker for this task",
                "held " + d.held().toSeconds() + " s for review: " + (d.disputed()
                        ? "disputed, but no panel could be drawn" : "not sampled and not disputed")));
        record(connection, d.result(), unreviewed, Optional.empty(), d.skill(), List.of());
    }

    private void publish(Connection connection, AgentResultReceived result, Judgement judgement,
                         List<PanelScore> panel) throws SQLException {
        // The decision, on a line that names the task and the agent (its MDC); evidence shortened, never the answer.
        io.quarkus.logging.Log.infof("verdict %s by %s, score %.2f, %s task: %s", judgement.verdict(),
                judgement.method(), judgement.score(), result.getKind().name().toLowerCase(java.util.Locale.ROOT),
                judgement.evidence().isEmpty() ? "no evidence" : abbreviate(judgement.evidence().get(0)));
        Outbox.append(connection, result.getTaskId(), ResultVerdict.newBuilder()
                .setEnvelope(VerifierEvents.next(result.getTaskId(), result.getEnvelope()))
                .setTaskId(result.getTaskId()).setKind(result.getKind()).setAgentId(result.getAgentId())
                .setAccountId(result.getAccountId()).setPrice(result.getPrice()).setVerdict(judgement.verdict())
                .setScore(judgement.score()).setMethod(judgement.method()).setEvidence(judgement.evidence())
                .setReceipt(signer.receipt(result, judgement, panel)).setPanel(panel).build());
    }

    private static String abbreviate(String evidence) {
        return evidence.length() <= 200 ? evidence : evidence.substring(0, 200) + "…";
    }

    /** Publishes the verdict and folds it into the agent's reputation, its exam, or — for a gold — its judge record. */
    private void record(Connection connection, AgentResultReceived result, Judgement judgement,
                        Optional<StoredChallenge> challenge, String taskSkill, List<PanelScore> panel)
            throws SQLException {
        publish(connection, result, judgement, panel);

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
        if (challenge.isPresent() && challenge.get().challenge().checker() == Challenge.Checker.REVIEW) {
            new Judges(connection).recordGold(result.getAgentId(),
                    GoldKind.valueOf(challenge.get().challenge().expected()), passed);
        }

        if (challenge.isPresent() && challenge.get().isHoneypot()) {
            new ExamRepository(connection).markJudged(result.getTaskId(), passed);
            if (result.getOutcome() == CallOutcome.OK && challenge.get().challenge().checker() != Challenge.Checker.REVIEW) {
                llmJudge.ifPresent(judge -> judge.audit(result.getInput(), result.getOutput(), judgement.verdict()));
            }
        } else if (challenge.isPresent()) {
            examiner.tally(connection, challenge.get(), judgement, result.getEnvelope());
        }
    }
}
