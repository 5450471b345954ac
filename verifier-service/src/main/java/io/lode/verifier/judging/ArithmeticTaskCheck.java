package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.arithmetic.ArithmeticTask;

/**
 * A consumer task that is entirely arithmetic ("what is 2 + 3 * 4?") is checked exactly, whatever skill it was
 * sent to; a task with anything else in it ("the 2019-2021 report", "1/2 cup of flour") is not read as a sum.
 */
public final class ArithmeticTaskCheck implements VerificationStrategy {

    @Override
    public Optional<Judgement> judge(Submission submission) {
        return ArithmeticTask.read(submission.result().getInput())
                .map(task -> ArithmeticCheck.judge(task, submission.result().getOutput()));
    }
}
