package io.lode.verifier.judging;

import java.util.Optional;

/**
 * One way of judging a result. A strategy answers only for the submissions it knows how to judge and stays
 * silent (empty) on the rest; {@link VerificationPolicy} asks them in order. Must be deterministic: the same
 * submission always gets the same judgement, so verdicts can be replayed.
 */
public interface VerificationStrategy {

    Optional<Judgement> judge(Submission submission);
}
