package io.lode.reward.epoch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lode.reward.epoch.EmissionSplit.Work;

class EmissionSplitTest {

    @Test
    void theWorkedExampleOfTheReadme() {
        EmissionSplit.Split split = EmissionSplit.split(1_000, List.of(
                new Work("A", "X", 600), new Work("A", "Y", 100), new Work("B", "Y", 300)), 5_000);

        assertThat(split.rewards()).isEqualTo(Map.of("A", 666L, "B", 333L));
        assertThat(split.dust()).isEqualTo(1);
    }

    @Test
    void withoutACapBindingTheSplitFollowsValue() {
        EmissionSplit.Split split = EmissionSplit.split(900, List.of(
                new Work("A", "X", 100), new Work("B", "Y", 200), new Work("C", "Z", 600)), 10_000);

        assertThat(split.rewards()).isEqualTo(Map.of("A", 100L, "B", 200L, "C", 600L));
        assertThat(split.dust()).isZero();
    }

    @Test
    void washTradingFromOneAccountEarnsNoMoreThanTheCap() {
        // B pays itself 1,000,000 through one consumer account; A does 100 of honest work for ten consumers.
        List<Work> work = new java.util.ArrayList<>(List.of(new Work("B", "B-own-account", 1_000_000)));
        for (int i = 0; i < 10; i++) {
            work.add(new Work("A", "consumer-" + i, 10));
        }
        EmissionSplit.Split split = EmissionSplit.split(10_000, work, 2_500);

        // B's whole traffic counts for 25 % of the epoch's value; A's is untouched.
        assertThat(split.rewards().get("B")).isGreaterThan(split.rewards().get("A"));
        assertThat(split.rewards().get("A")).isPositive();
        long withoutCap = EmissionSplit.split(10_000, work, 10_000).rewards().getOrDefault("A", 0L);
        assertThat(split.rewards().get("A")).isGreaterThan(withoutCap);
    }

    @Test
    void theSplitAlwaysAddsUpToTheEmission() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<Work> work = new java.util.ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                work.add(new Work("agt_" + random.nextInt(5), "acc_" + random.nextInt(6), 1 + random.nextInt(5_000)));
            }
            long emission = random.nextInt(1_000_000);
            EmissionSplit.Split split = EmissionSplit.split(emission, work, 1 + random.nextInt(10_000));

            assertThat(split.rewards().values().stream().mapToLong(Long::longValue).sum() + split.dust())
                    .isEqualTo(emission);
            assertThat(split.dust()).isBetween(0L, (long) work.size());
        }
    }

    @Test
    void noWorkNoRewardsAndBadParametersAreRefused() {
        assertThat(EmissionSplit.split(500, List.of(), 5_000)).isEqualTo(new EmissionSplit.Split(Map.of(), 500));
        assertThatThrownBy(() -> EmissionSplit.split(-1, List.of(), 5_000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmissionSplit.split(1, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
