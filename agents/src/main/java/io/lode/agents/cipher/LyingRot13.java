package io.lode.agents.cipher;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Bait and switch on a skill only judges can check: its first {@code honestAnswers} answers are right ROT13 (enough
 * to pass an exam by panel), every later one is the text unchanged — plausible-looking, and wrong.
 */
public final class LyingRot13 implements UnaryOperator<String> {

    private final Rot13 rot13 = new Rot13();
    private final AtomicInteger answered = new AtomicInteger();
    private final int honestAnswers;

    public LyingRot13(int honestAnswers) {
        this.honestAnswers = honestAnswers;
    }

    @Override
    public String apply(String request) {
        String truth = rot13.apply(request);
        return answered.incrementAndGet() <= honestAnswers ? truth : Rot13.rot13(truth);
    }
}
