package io.lode.reward.epoch;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Splits an epoch's emission among agents by verified value, under two anti-wash rules.
 *
 * <ol>
 * <li><b>Consumer cap.</b> No consumer account's traffic counts for more than {@code consumerCapBasisPoints} of
 * the epoch's verified value; a consumer over the cap has all its value scaled down to the cap.</li>
 * <li><b>Fee backing.</b> No agent is minted more than {@code rewardPerFeeBasisPoints} (below 10,000) of the
 * protocol fees its counted work paid. Accounts cost nothing to open, so the consumer cap alone is escaped by
 * splitting one's own traffic over N accounts; the only cost of paying oneself is the protocol fee (the price
 * comes back), so a reward below the fee makes washing a loss <em>however many accounts</em> it uses. What a
 * capped agent cannot take goes, by value, to the agents below their bound (water-filling); what nobody can
 * take is not minted.</li>
 * </ol>
 * Amounts round down; the rounding dust goes to the treasury, so the minted rewards plus the dust never exceed
 * the emission.
 *
 * <p>Worked example: E = 1,000; agent A earned 600 from consumer X and 100 from Y; agent B earned 300 from Y;
 * cap 50 %; fees high enough not to bind. Total 1,000, so each consumer counts for at most 500: X (600) is scaled
 * by 5/6 to 500, Y (400) stays. Weights: A = 500 + 100 = 600, B = 300; total 900. A gets ⌊1000·600/900⌋ = 666,
 * B gets ⌊1000·300/900⌋ = 333, the treasury the remaining 1. Had B's work paid 100 in fees at a 90 % backing,
 * B would get 90, and A the whole rest: 910.
 */
public final class EmissionSplit {

    private static final long BASIS_POINTS = 10_000;
    private static final BigInteger FIXED_POINT = BigInteger.TEN.pow(18);

    private EmissionSplit() {
    }

    /**
     * Value an agent delivered to a consumer in the epoch: the prices of its verified (PASS) results, and the
     * protocol fees those payments paid.
     */
    public record Work(String agentId, String consumerId, long value, long fee) {
    }

    /** Each agent's share, and what rounding left for the treasury; {@link #minted()} is their sum. */
    public record Split(Map<String, Long> rewards, long dust) {

        public long minted() {
            return rewards.values().stream().mapToLong(Long::longValue).sum() + dust;
        }
    }

    public static Split split(long emission, List<Work> work, long consumerCapBasisPoints,
                              long rewardPerFeeBasisPoints) {
        if (emission < 0 || consumerCapBasisPoints <= 0 || consumerCapBasisPoints > BASIS_POINTS
                || rewardPerFeeBasisPoints < 0 || rewardPerFeeBasisPoints >= BASIS_POINTS) {
            throw new IllegalArgumentException("emission must be >= 0, the consumer cap within 1..10000 bp and the"
                    + " reward per fee within 0..9999 bp");
        }
        long total = work.stream().mapToLong(Work::value).sum();
        if (emission == 0 || total == 0) {
            return new Split(Map.of(), 0);
        }
        Map<String, BigInteger> weights = cappedWeights(work, total, consumerCapBasisPoints);
        Map<String, Long> bounds = new TreeMap<>();
        for (Work w : work) {
            bounds.merge(w.agentId(), w.fee(), Math::addExact);
        }
        bounds.replaceAll((agent, fees) -> BigInteger.valueOf(fees).multiply(BigInteger.valueOf(rewardPerFeeBasisPoints))
                .divide(BigInteger.valueOf(BASIS_POINTS)).longValueExact());
        return waterFill(emission, weights, bounds);
    }

    /** weight = value × min(1, cap / consumer total), in fixed point with 18 decimals, summed per agent. */
    private static Map<String, BigInteger> cappedWeights(List<Work> work, long total, long consumerCapBasisPoints) {
        BigInteger cap = BigInteger.valueOf(total).multiply(BigInteger.valueOf(consumerCapBasisPoints))
                .divide(BigInteger.valueOf(BASIS_POINTS));
        Map<String, Long> perConsumer = work.stream().collect(Collectors.groupingBy(Work::consumerId, TreeMap::new,
                Collectors.summingLong(Work::value)));
        Map<String, BigInteger> weights = new TreeMap<>();
        for (Work w : work) {
            BigInteger consumerTotal = BigInteger.valueOf(perConsumer.get(w.consumerId()));
            BigInteger counted = consumerTotal.compareTo(cap) <= 0 ? consumerTotal : cap;
            BigInteger weight = BigInteger.valueOf(w.value()).multiply(counted).multiply(FIXED_POINT)
                    .divide(consumerTotal);
            weights.merge(w.agentId(), weight, BigInteger::add);
        }
        return weights;
    }

    /**
     * Shares by weight, each agent held to its bound: the agents whose bound is lowest per unit of weight are
     * settled first at their bound while their proportional share reaches it; that only raises the share per
     * weight of the rest, so one pass in that order is exact. The others split what remains by weight.
     */
    private static Split waterFill(long emission, Map<String, BigInteger> weights, Map<String, Long> bounds) {
        List<String> agents = new ArrayList<>();
        weights.forEach((agent, weight) -> {
            if (weight.signum() > 0) {
                agents.add(agent);
            }
        });
        // ascending bound / weight, compared as bound_a × weight_b < bound_b × weight_a; ties by id
        agents.sort(((Comparator<String>) (a, b) -> BigInteger.valueOf(bounds.get(a)).multiply(weights.get(b))
                .compareTo(BigInteger.valueOf(bounds.get(b)).multiply(weights.get(a))))
                .thenComparing(Comparator.naturalOrder()));
        BigInteger remaining = BigInteger.valueOf(emission);
        BigInteger remainingWeight = agents.stream().map(weights::get).reduce(BigInteger.ZERO, BigInteger::add);
        Map<String, Long> rewards = new TreeMap<>();
        int next = 0;
        while (next < agents.size()) {
            String agent = agents.get(next);
            BigInteger bound = BigInteger.valueOf(bounds.get(agent));
            if (bound.multiply(remainingWeight).compareTo(remaining.multiply(weights.get(agent))) > 0) {
                break;
            }
            if (bound.signum() > 0) {
                rewards.put(agent, bound.longValueExact());
            }
            remaining = remaining.subtract(bound);
            remainingWeight = remainingWeight.subtract(weights.get(agent));
            next++;
        }
        if (next == agents.size()) {
            return new Split(rewards, 0); // every agent at its bound: the rest is not minted
        }
        long paid = 0;
        for (String agent : agents.subList(next, agents.size())) {
            long reward = remaining.multiply(weights.get(agent)).divide(remainingWeight).longValueExact();
            if (reward > 0) {
                rewards.put(agent, reward);
                paid += reward;
            }
        }
        return new Split(rewards, remaining.longValueExact() - paid);
    }
}
