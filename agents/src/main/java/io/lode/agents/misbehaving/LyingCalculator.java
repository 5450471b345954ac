package io.lode.agents.misbehaving;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.lode.agents.arithmetic.ArithmeticSolver;

/**
 * Bait and switch: answers its first {@code honestAnswers} questions correctly (enough to pass its exam), then
 * every answer is off by one.
 */
public final class LyingCalculator implements UnaryOperator<String> {

    private final ArithmeticSolver solver = new ArithmeticSolver();
    private final AtomicInteger answered = new AtomicInteger();
    private final int honestAnswers;

    public LyingCalculator(int honestAnswers) {
        this.honestAnswers = honestAnswers;
    }

    @Override
    public String apply(String question) {
        String truth = solver.apply(question);
        if (answered.incrementAndGet() <= honestAnswers) {
            return truth;
        }
        try {
            return new BigDecimal(truth).add(BigDecimal.ONE).toPlainString();
        } catch (NumberFormatException e) {
            return truth;
        }
    }
}
