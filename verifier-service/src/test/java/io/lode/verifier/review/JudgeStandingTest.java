package io.lode.verifier.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeStandingTest {

    @Test
    void aNewJudgeWeighsNothingUntilItHasAnsweredTwentyGolds() {
        JudgeStanding judge = new JudgeStanding();
        for (int i = 0; i < 19; i++) {
            judge.recordGold(GoldKind.values()[i % GoldKind.values().length], true);
        }
        assertThat(judge.weight()).isZero();
        judge.recordGold(GoldKind.RIGHT, true);
        assertThat(judge.weight()).isEqualTo(1.0);
    }

    @Test
    void belowEightyPercentOverTheLastTwentyGoldsItIsBenched() {
        JudgeStanding judge = new JudgeStanding();
        for (int i = 0; i < 20; i++) {
            judge.recordGold(i % 2 == 0 ? GoldKind.RIGHT : GoldKind.WRONG, i % 5 != 1);
        }
        assertThat(judge.goldAccuracy()).isEqualTo(0.8);
        assertThat(judge.benched()).isFalse();
        judge.recordGold(GoldKind.TRUNCATED, false); // its kind's first failure: only accuracy can bench it
        assertThat(judge.goldAccuracy()).isEqualTo(0.75);
        assertThat(judge.benched()).isTrue();
        assertThat(judge.weight()).isZero();
    }

    @Test
    void failingTwoOfTheLastThreeGoldsOfOneKindBenchesAJudgeWhateverItsAccuracy() {
        JudgeStanding judge = new JudgeStanding();
        for (int i = 0; i < 30; i++) {
            judge.recordGold(GoldKind.RIGHT, true);
        }
        judge.recordGold(GoldKind.INJECTED, false);
        assertThat(judge.benched()).isFalse();
        judge.recordGold(GoldKind.INJECTED, false);
        assertThat(judge.goldAccuracy()).isGreaterThanOrEqualTo(0.8);
        assertThat(judge.benched()).isTrue();
    }

    @Test
    void reviewsFarFromTheMedianCostWeightThenBench() {
        JudgeStanding judge = new JudgeStanding();
        for (int i = 0; i < 20; i++) {
            judge.recordGold(GoldKind.RIGHT, true);
        }
        judge.recordReview(0.1);
        judge.recordReview(0.6);
        assertThat(judge.weight()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        judge.recordReview(0.5);
        judge.recordReview(0.45);
        assertThat(judge.benched()).isTrue();
    }
}
