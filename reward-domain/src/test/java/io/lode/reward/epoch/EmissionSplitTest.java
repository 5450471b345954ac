package io.lode.reward.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lode.reward.epoch.EmissionSplit.Work;

class EmissionSplitTest {

    /** Fees far above any share: the fee backing does not bind. */
    private static final long AMPLE_FEE = 1_000_000_000L;
    private static final long BACKING = 9_000;

    @Test
    void theWorkedExampleOfTheReadme() {
        EmissionSplit.Split split = EmissionSplit.split(1_000, List.of(
                new Work("A", "X", 600, AMPLE_FEE), new Work("A", "Y", 100, AMPLE_FEE),
                new Work("B", "Y", 300, AMPLE_FEE)), 5_000, BACKING);

        assertThat(split.rewards()).isEqualTo(Map.of("A", 666L, "B", 333L));
        assertThat(split.dust()).isEqualTo(1);
    }

    @Test
    void anAgentHeldToItsFeeBackingLeavesTheRestToTheOthers() {
        // the worked example, B's work having paid 100 in fees: B may take 90, and A takes the rest
        EmissionSplit.Split split = EmissionSplit.split(1_000, List.of(
                new Work("A", "X", 600, AMPLE_FEE), new Work("A", "Y", 100, AMPLE_FEE),
                new Work("B", "Y", 300, 100)), 5_000, BACKING);

        assertThat(split.rewards()).isEqualTo(Map.of("A", 910L, "B", 90L));
        assertThat(split.minted()).isEqualTo(1_000);
    }

    @Test
    void whatNoAgentCanBackIsNotMinted() {
        EmissionSplit.Split split = EmissionSplit.split(1_000_000, List.of(
                new Work("A", "X", 800, 40), new Work("B", "Y", 200, 10)), 10_000, BACKING);

        assertThat(split.rewards()).isEqualTo(Map.of("A", 36L, "B", 9L));
        assertThat(split.dust()).isZero();
        assertThat(split.minted()).isEqualTo(45);
    }

    @Test
    void withoutACapBindingTheSplitFollowsValue() {
        EmissionSplit.Split split = EmissionSplit.split(900, List.of(
                new Work("A", "X", 100, AMPLE_FEE), new Work("B", "Y", 200, AMPLE_FEE),
                new Work("C", "Z", 600, AMPLE_FEE)), 10_000, BACKING);

        assertThat(split.rewards()).isEqualTo(Map.of("A", 100L, "B", 200L, "C", 600L));
        assertThat(split.dust()).isZero();
    }

    @Test
    void washTradingFromOneAccountEarnsNoMoreThanTheCap() {
        // B pays itself 1,000,000 through one consumer account; A does 100 of honest work for ten consumers.
        List<Work> work = new ArrayList<>(List.of(new Work("B", "B-own-account", 1_000_000, AMPLE_FEE)));
        for (int i = 0; i < 10; i++) {
            work.add(new Work("A", "consumer-" + i, 10, AMPLE_FEE));
        }
        EmissionSplit.Split split = EmissionSplit.split(10_000, work, 2_500, BACKING);

        // B's whole traffic counts for 25 % of the epoch's value; A's is untouched.
        assertThat(split.rewards().get("B")).isGreaterThan(split.rewards().get("A"));
        assertThat(split.rewards().get("A")).isPositive();
        long withoutCap = EmissionSplit.split(10_000, work, 10_000, BACKING).rewards().getOrDefault("A", 0L);
        assertThat(split.rewards().get("A")).isGreaterThan(withoutCap);
    }

    /**
     * The consumer cap counts accounts, and accounts are free: spread over N of them, B's traffic escapes the
     * cap. What holds however large N is the fee backing: B earns less than the fees its washing paid, and the
     * honest agent's reward does not shrink below what it earns with B washing from a single account.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 25, 200})
    void washingThroughAnyNumberOfSybilAccountsCostsMoreThanItEarns(int accounts) {
        long emission = 10_000_000;
        List<Work> work = new ArrayList<>();
        long washFees = 0;
        for (int i = 0; i < accounts; i++) {
            long value = 1_000_000 / accounts;
            long fee = fee(value);
            work.add(new Work("B", "sybil-" + i, value, fee));
            washFees += fee;
        }
        List<Work> honest = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            honest.add(new Work("A", "consumer-" + i, 10_000, fee(10_000)));
        }
        work.addAll(honest);

        EmissionSplit.Split split = EmissionSplit.split(emission, work, 2_500, BACKING);

        assertThat(split.rewards().get("B")).isLessThan(washFees);
        assertThat(split.rewards().get("B")).isLessThanOrEqualTo(washFees * BACKING / 10_000);
        assertThat(split.rewards().get("A")).isEqualTo(fee(10_000) * 10 * BACKING / 10_000);
        assertThat(split.minted()).isLessThanOrEqualTo(emission);
    }

    @Test
    void theSplitNeverExceedsTheEmissionNorAnyBoundAndLeavesNothingABoundCouldTake() {
        Random random = new Random(7);
        for (int round = 0; round < 500; round++) {
            List<Work> work = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                long value = 1 + random.nextInt(5_000);
                long fee = random.nextBoolean() ? fee(value) : random.nextInt(1_000_000);
                work.add(new Work("agt_" + random.nextInt(5), "acc_" + random.nextInt(6), value, fee));
            }
            long emission = random.nextInt(1_000_000);
            long backing = random.nextInt(10_000);
            EmissionSplit.Split split = EmissionSplit.split(emission, work, 1 + random.nextInt(10_000), backing);

            Map<String, Long> fees = new TreeMap<>();
            work.forEach(w -> fees.merge(w.agentId(), w.fee(), Long::sum));
            split.rewards().forEach((agent, reward) -> assertThat(reward).isPositive()
                    .isLessThanOrEqualTo(fees.get(agent) * backing / 10_000));
            assertThat(split.minted()).isLessThanOrEqualTo(emission);
            assertThat(split.dust()).isBetween(0L, (long) work.size());
            boolean someoneBelowItsBound = fees.entrySet().stream().anyMatch(f ->
                    split.rewards().getOrDefault(f.getKey(), 0L) + work.size() < f.getValue() * backing / 10_000);
            if (someoneBelowItsBound) {
                assertThat(split.minted()).as("an agent below its bound leaves nothing unminted").isEqualTo(emission);
            }
        }
    }

    @Test
    void noWorkNoRewardsAndBadParametersAreRefused() {
        assertThat(EmissionSplit.split(500, List.of(), 5_000, BACKING)).isEqualTo(new EmissionSplit.Split(Map.of(), 0));
        assertThatThrownBy(() -> EmissionSplit.split(-1, List.of(), 5_000, BACKING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmissionSplit.split(1, List.of(), 0, BACKING))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmissionSplit.split(1, List.of(), 5_000, 10_000))
                .as("a backing of 100 % would let washing break even").isInstanceOf(IllegalArgumentException.class);
    }

    /** The protocol fee at 5 %, rounded up, as {@code Settlement} charges it. */
    private static long fee(long price) {
        return (price * 500 + 9_999) / 10_000;
    }
}
