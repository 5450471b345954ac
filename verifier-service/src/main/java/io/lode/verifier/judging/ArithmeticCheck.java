package io.lode.verifier.judging;

import io.lode.arithmetic.AnswerCheck;
import io.lode.arithmetic.ArithmeticTask;

/**
 * Deterministic check of a task that is entirely arithmetic: the whole expression is evaluated exactly by
 * {@link ArithmeticTask} (precedence, parentheses, decimals, unary minus) and the answer's number compared by
 * {@link AnswerCheck}; the reason names the expression and its value.
 */
public final class ArithmeticCheck {

    private ArithmeticCheck() {
    }

    public static Judgement judge(ArithmeticTask task, String answer) {
        AnswerCheck.Outcome outcome = AnswerCheck.check(task, answer);
        return outcome.right() ? Judgement.pass("arithmetic", 1.0, outcome.reason())
                : Judgement.fail("arithmetic", outcome.reason());
    }
}
