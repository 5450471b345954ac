package io.lode.verifier.judging;

import java.util.Optional;

/** A consumer task that is plain arithmetic ("what is 17 * 23?") is checked exactly. */
public final class ArithmeticTaskCheck implements VerificationStrategy {

    @Override
    public Optional<Judgement> judge(Submission submission) {
        return ArithmeticCheck.expected(submission.result().getInput())
                .map(expected -> ArithmeticCheck.judge(expected, submission.result().getOutput()));
    }
}
