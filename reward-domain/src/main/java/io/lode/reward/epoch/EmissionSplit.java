package io.lode.reward.epoch;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Splits an epoch's emission among agents by verified value, with one anti-wash rule: no consumer's traffic
 * counts for more than {@code consumerCapBasisPoints} of the epoch's verified value, so an agent cannot mint
 * itself rewards by paying itself from one account. A consumer over the cap has all its value scaled down to
 * the cap. Amounts round down; the dust goes to the treasury, so the split always adds up to the emission.
 *
 * <p>Worked example: E = 1,000; agent A earned 600 from consumer X and 100 from Y; agent B earned 300 from Y;
 * cap 50 %. Total 1,000, so each consumer counts for at most 500: X (600) is scaled by 5/6 to 500, Y (400) stays.
 * Weights: A = 500 + 100 = 600, B = 300; total 900. A gets ⌊1000·600/900⌋ = 666, B gets ⌊1000·300/900⌋ = 333,
 * the treasury the remaining 1.
 */
public final class EmissionSplit {

    private static final long BASIS_POINTS = 10_000;
    private static final BigInteger FIXED_POINT = BigInteger.TEN.pow(18);

    private EmissionSplit() {
    }

    /** Value an agent delivered to a consumer in the epoch: the prices of its verified (PASS) results. */
    public record Work(String agentId, String consumerId, long value) {
    }

    /** Each agent's share, and what rounding left for the treasury. */
    public record Split(Map<String, Long> rewards, long dust) {
    }

    public static Split split(long emission, List<Work> work, long consumerCapBasisPoints) {
        if (emission < 0 || consumerCapBasisPoints <= 0 || consumerCapBasisPoints > BASIS_POINTS) {
            throw new IllegalArgumentException("emission must be >= 0 and the consumer cap within 1..10000 bp");
        }
        long total = work.stream().mapToLong(Work::value).sum();
        if (emission == 0 || total == 0) {
            return new Split(Map.of(), emission);
        }
        BigInteger cap = BigInteger.valueOf(total).multiply(BigInteger.valueOf(consumerCapBasisPoints))
                .divide(BigInteger.valueOf(BASIS_POINTS));
        Map<String, Long> perConsumer = work.stream().collect(Collectors.groupingBy(Work::consumerId, TreeMap::new,
                Collectors.summingLong(Work::value)));
        // weight = value × min(1, cap / consumer total), in fixed point with 18 decimals
        Map<String, BigInteger> weights = new TreeMap<>();
        BigInteger denominator = FIXED_POINT;
        BigInteger weightSum = BigInteger.ZERO;
        for (Work w : work) {
            BigInteger consumerTotal = BigInteger.valueOf(perConsumer.get(w.consumerId()));
            BigInteger counted = consumerTotal.compareTo(cap) <= 0 ? consumerTotal : cap;
            BigInteger weight = BigInteger.valueOf(w.value()).multiply(counted).multiply(denominator)
                    .divide(consumerTotal);
            weights.merge(w.agentId(), weight, BigInteger::add);
            weightSum = weightSum.add(weight);
        }
        Map<String, Long> rewards = new TreeMap<>();
        long paid = 0;
        for (Map.Entry<String, BigInteger> weight : weights.entrySet()) {
            long reward = BigInteger.valueOf(emission).multiply(weight.getValue()).divide(weightSum).longValueExact();
            if (reward > 0) {
                rewards.put(weight.getKey(), reward);
                paid += reward;
            }
        }
        return new Split(rewards, emission - paid);
    }
}
