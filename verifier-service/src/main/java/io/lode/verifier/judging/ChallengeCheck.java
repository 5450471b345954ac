package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.verifier.challenge.ChallengeBank;

/** An exam question or a honeypot: the challenge family's checker against the answer kept hidden. */
public final class ChallengeCheck implements VerificationStrategy {

    @Override
    public Optional<Judgement> judge(Submission submission) {
        return submission.challenge().map(c -> ChallengeBank.check(c, submission.result().getOutput()));
    }
}
