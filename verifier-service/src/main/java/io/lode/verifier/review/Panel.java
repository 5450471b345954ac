package io.lode.verifier.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import io.lode.events.verdicts.Verdict;
import io.lode.identity.PanelMedian;

/**
 * How a panel of judges is drawn and how its blind scores become a verdict.
 * <ul>
 *   <li><b>Draw</b>: {@value #SIZE} judges ({@value #COSTLY_SIZE} for a costly task), without replacement, with
 *       probability proportional to weight, from a random stream seeded by the epoch seed (revealed when the
 *       epoch closes) and the task id — so anyone can redraw it. Never the worker, nor a judge sharing its owner
 *       key, payout account or endpoint (host and port).</li>
 *   <li><b>Verdict</b>: the weight-median score; PASS at {@value #PASS_AT} or more, FAIL at {@value #FAIL_AT} or
 *       less, INCONCLUSIVE between. When the scores spread more than {@value #MAX_SPREAD} (highest − lowest),
 *       {@value #EXTRA} more judges are drawn once; if their weighted median absolute deviation is still above
 *       {@value #MAX_DEVIATION} the verdict is INCONCLUSIVE (no reputation effect).</li>
 * </ul>
 */
public final class Panel {

    public static final int SIZE = 3;
    public static final int COSTLY_SIZE = 5;
    public static final int EXTRA = 2;
    public static final double PASS_AT = PanelMedian.PASS_AT;
    public static final double FAIL_AT = PanelMedian.FAIL_AT;
    public static final double MAX_SPREAD = 0.5;
    public static final double MAX_DEVIATION = 0.25;

    private Panel() {
    }

    /** A judge as the draw sees it. */
    public record Candidate(String judgeId, double weight, String owner, String payout, String endpoint) {
    }

    /** Who did the work, so that nobody who is, or shares a key, account or endpoint with it, judges it. */
    public record Worker(String agentId, String owner, String payout, String endpoint) {
        boolean conflicts(Candidate judge) {
            return judge.judgeId().equals(agentId) || judge.owner().equals(owner) || judge.payout().equals(payout)
                    || judge.endpoint().equals(endpoint);
        }
    }

    /** One judge's blind score and the weight it carried. */
    public record Score(String judgeId, double score, double weight) {
    }

    /** The panel's verdict, its median, and every score that made it (receipts name them all). */
    public record Decision(Verdict verdict, double median, boolean escalated, List<Score> scores) {
    }

    /** The seed of a task's draw: the epoch's seed and the task id, so the draw replays. */
    public static long seed(long epochSeed, String taskId) {
        long h = epochSeed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < taskId.length(); i++) {
            h = (h ^ taskId.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }

    /** Draws {@code k} eligible judges (weight &gt; 0, no conflict, not in {@code already}), by weight. */
    public static List<Candidate> draw(List<Candidate> judges, Worker worker, int k, List<Candidate> already,
                                       SplittableRandom random) {
        Predicate<Candidate> eligible = j -> j.weight() > 0 && !worker.conflicts(j)
                && already.stream().noneMatch(a -> a.judgeId().equals(j.judgeId()));
        List<Candidate> pool = new ArrayList<>(judges.stream().filter(eligible)
                .sorted(Comparator.comparing(Candidate::judgeId)).toList());
        List<Candidate> drawn = new ArrayList<>();
        while (drawn.size() < k && !pool.isEmpty()) {
            double total = pool.stream().mapToDouble(Candidate::weight).sum();
            double x = random.nextDouble() * total;
            int i = 0;
            for (; i < pool.size() - 1; i++) {
                x -= pool.get(i).weight();
                if (x < 0) {
                    break;
                }
            }
            drawn.add(pool.remove(i));
        }
        return drawn;
    }

    /** The verdict of a first panel's scores, or empty when they spread too far and {@value #EXTRA} more are due. */
    public static java.util.Optional<Decision> first(List<Score> scores) {
        if (scores.isEmpty()) {
            return java.util.Optional.of(new Decision(Verdict.INCONCLUSIVE, 0.5, false, scores));
        }
        double lo = scores.stream().mapToDouble(Score::score).min().orElseThrow();
        double hi = scores.stream().mapToDouble(Score::score).max().orElseThrow();
        if (hi - lo > MAX_SPREAD) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(decide(scores, false));
    }

    /** The verdict once the extra judges have scored too. */
    public static Decision escalated(List<Score> scores) {
        double median = weightedMedian(scores);
        double deviation = weightedMedian(scores.stream()
                .map(s -> new Score(s.judgeId(), Math.abs(s.score() - median), s.weight())).toList());
        if (deviation > MAX_DEVIATION) {
            return new Decision(Verdict.INCONCLUSIVE, median, true, scores);
        }
        return decide(scores, true);
    }

    private static Decision decide(List<Score> scores, boolean escalated) {
        double median = weightedMedian(scores);
        Verdict verdict = Verdict.valueOf(PanelMedian.verdictOf(median));
        return new Decision(verdict, median, escalated, scores);
    }

    /** The weight-median of the scores ({@link PanelMedian#of}, which auditors recompute). */
    public static double weightedMedian(List<Score> scores) {
        return PanelMedian.of(scores.stream().map(s -> new PanelMedian.Vote(s.judgeId(), s.score(), s.weight()))
                .toList());
    }
}
