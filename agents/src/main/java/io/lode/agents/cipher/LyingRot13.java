package io.lode.agents.cipher;

import io.lode.agents.misbehaving.BaitAndSwitch;

/**
 * Bait and switch on a skill only judges can check: its first {@code honestAnswers} answers are right ROT13 (enough
 * to pass an exam by panel), every later one is the text unchanged — plausible-looking, and wrong.
 */
public final class LyingRot13 extends BaitAndSwitch {

    public LyingRot13(int honestAnswers) {
        super(new Rot13(), honestAnswers);
    }

    @Override
    protected String lie(String truth) {
        return Rot13.rot13(truth);
    }
}
