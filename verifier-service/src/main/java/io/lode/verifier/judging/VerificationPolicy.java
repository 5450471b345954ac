package io.lode.verifier.judging;

import java.util.List;
import java.util.Optional;

/**
 * Chooses how each result is judged: the first strategy that answers decides. Protocol and size checks come
 * first for every task; then the hidden challenge's checker (exams, honeypots); then deterministic skill checks
 * of consumer tasks; then, for a redundant task, agreement with the other agents' answers; then the LLM judge,
 * when one is configured and trusted. A consumer task nothing can check passes on the protocol alone — method
 * {@value #UNCHECKED}, score 0.5 — and such a pass builds no reputation.
 */
public final class VerificationPolicy {

    public static final String UNCHECKED = "protocol-only";

    private final List<VerificationStrategy> strategies;

    public VerificationPolicy(List<VerificationStrategy> strategies) {
        this.strategies = List.copyOf(strategies);
    }

    public static VerificationPolicy standard(AgreementCheck agreement, Optional<? extends VerificationStrategy> llm) {
        List<VerificationStrategy> strategies = new java.util.ArrayList<>(List.of(new ProtocolCheck(),
                new ChallengeCheck(), new ArithmeticTaskCheck(), new FamilyTaskCheck(), agreement));
        llm.ifPresent(strategies::add);
        return new VerificationPolicy(strategies);
    }

    public Judgement judge(Submission submission) {
        for (VerificationStrategy strategy : strategies) {
            Optional<Judgement> judgement = strategy.judge(submission);
            if (judgement.isPresent()) {
                return judgement.get();
            }
        }
        return Judgement.pass(UNCHECKED, 0.5, "answered within protocol and size; no checker for this task");
    }
}
