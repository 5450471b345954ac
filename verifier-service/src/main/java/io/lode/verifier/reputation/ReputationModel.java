package io.lode.verifier.reputation;

/**
 * Beta reputation with forgetting. Each verdict first discounts the old evidence by {@code decay} (so an agent
 * that turns bad cannot live on its past), then adds {@code weight · score} to alpha and
 * {@code weight · (1 − score)} to beta. Weights come from {@link Evidence}: hidden challenges count most, since
 * the expected answer is known and the agent cannot tell it is watched; results nothing could check count zero.
 * Probation ends, once and for all, when the agent has {@code probationPasses} passes and the Wilson lower bound
 * (95%) of its pass rate over all its counted verdicts is at least {@code probationExitScore}: with the defaults, nine
 * passes in a row. A lucky streak is not enough for an agent that is right half the time (it would need nine in a
 * row from its first verdict on, and later streaks are diluted by its record). Falling below the registry's floor
 * later suspends an agent instead.
 */
public record ReputationModel(double decay, int probationPasses, double probationExitScore) {

    public ReputationModel {
        if (decay <= 0 || decay > 1) {
            throw new IllegalArgumentException("decay must be in (0, 1]");
        }
    }

    public Reputation observe(Reputation before, double score, double weight, boolean passed) {
        if (weight <= 0) {
            return before;
        }
        double alpha = 1 + decay * (before.alpha() - 1) + weight * score;
        double beta = 1 + decay * (before.beta() - 1) + weight * (1 - score);
        long passes = before.passes() + (passed ? 1 : 0);
        Reputation after = new Reputation(alpha, beta, before.verdicts() + 1, passes, before.probation());
        boolean graduates = after.probation() && passes >= probationPasses
                && wilsonLowerBound(passes, after.verdicts()) >= probationExitScore;
        return graduates ? new Reputation(alpha, beta, after.verdicts(), passes, false) : after;
    }

    /** Lower bound of the 95% Wilson score interval of {@code passes} out of {@code total}. */
    static double wilsonLowerBound(long passes, long total) {
        if (total == 0) {
            return 0;
        }
        double z = 1.96;
        double n = total;
        double p = passes / n;
        double centre = p + z * z / (2 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return (centre - margin) / (1 + z * z / n);
    }
}
