package io.lode.identity;

import java.util.Comparator;
import java.util.List;

/**
 * What a judge panel's blind scores mean, shared by the verifier that decides and the auditor that recomputes: the
 * weight-median score, and the verdict it implies. Plain arithmetic over the scores a verdict names, so anyone
 * holding the log can check a panel verdict without trusting the verifier's word for it.
 */
public final class PanelMedian {

    /** A median at or above this passes. */
    public static final double PASS_AT = 0.6;
    /** A median at or below this fails; between the two the panel could not tell (INCONCLUSIVE). */
    public static final double FAIL_AT = 0.4;

    /** A judge this close to the median, or closer, agreed with the panel: the judges a review pays. */
    public static final double NEAR = 0.2;

    private PanelMedian() {
    }

    /** One judge's score and weight. */
    public record Vote(String judgeId, double score, double weight) {
    }

    /**
     * The lowest score at which the scores at or below it carry at least half the weight (ties in score broken by
     * judge id, so the result does not depend on the order the scores are listed in).
     */
    public static double of(List<Vote> votes) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("a panel without votes has no median");
        }
        List<Vote> sorted = votes.stream().sorted(Comparator.comparingDouble(Vote::score)
                .thenComparing(Vote::judgeId)).toList();
        double total = sorted.stream().mapToDouble(Vote::weight).sum();
        double cumulative = 0;
        for (Vote vote : sorted) {
            cumulative += vote.weight();
            if (cumulative >= total / 2) {
                return vote.score();
            }
        }
        return sorted.get(sorted.size() - 1).score();
    }

    /**
     * The judges a panel's verdict pays, in the order listed: those with a weight (a benched judge has none) whose
     * score is within {@value #NEAR} of the median — a judge who strays from its panel earns nothing from it.
     */
    public static List<String> agreeing(List<Vote> votes) {
        if (votes.isEmpty()) {
            return List.of();
        }
        double median = of(votes);
        return votes.stream().filter(v -> v.weight() > 0 && Math.abs(v.score() - median) <= NEAR + 1e-9)
                .map(Vote::judgeId).distinct().toList();
    }

    /** "PASS", "FAIL" or "INCONCLUSIVE" for a median. */
    public static String verdictOf(double median) {
        return median >= PASS_AT ? "PASS" : median <= FAIL_AT ? "FAIL" : "INCONCLUSIVE";
    }
}
