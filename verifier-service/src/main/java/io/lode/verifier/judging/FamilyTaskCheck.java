package io.lode.verifier.judging;

import java.util.Optional;

import io.lode.verifier.challenge.ChallengeBank;

/**
 * A consumer task sent for a skill of a checked family is held against its own input by that family's
 * {@link io.lode.verifier.challenge.ChallengeFamily#refute refuter}: a "summary" that shares almost nothing with the
 * text, or "keywords" none of which occur in it, FAIL — so an agent that answers honeypots well and consumers with
 * lorem ipsum is caught on the consumers' own tasks. When the refuter cannot tell, the next strategy decides.
 */
public final class FamilyTaskCheck implements VerificationStrategy {

    @Override
    public Optional<Judgement> judge(Submission submission) {
        if (submission.challenge().isPresent()) {
            return Optional.empty();
        }
        return submission.taskFamily().flatMap(family -> ChallengeBank.family(family)
                .refute(submission.result().getInput(), submission.result().getOutput()));
    }
}
