package io.lode.agents.misbehaving;

import java.math.BigDecimal;

import io.lode.agents.arithmetic.ArithmeticSolver;

/** Answers its first {@code honestAnswers} questions correctly, then every answer is off by one. */
public final class LyingCalculator extends BaitAndSwitch {

    public LyingCalculator(int honestAnswers) {
        super(new ArithmeticSolver(), honestAnswers);
    }

    @Override
    protected String lie(String truth) {
        try {
            return new BigDecimal(truth).add(BigDecimal.ONE).toPlainString();
        } catch (NumberFormatException e) {
            return truth;
        }
    }
}
