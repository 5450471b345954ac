package io.lode.verifier.reputation;

/**
 * An agent's standing as a Beta distribution over "the next checked result passes": {@code alpha} and
 * {@code beta} are discounted pass and fail evidence (prior 1, 1: a score of 0.5 and no confidence).
 * {@code verdicts} counts the verdicts that carried evidence, {@code passes} those that passed.
 */
public record Reputation(double alpha, double beta, long verdicts, long passes, boolean probation) {

    public static Reputation fresh() {
        return new Reputation(1, 1, 0, 0, true);
    }

    /** The mean of the Beta distribution, in [0,1]. */
    public double score() {
        return alpha / (alpha + beta);
    }
}
