package io.lode.verifier.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The promises of review by panels, over 1,000 seeds ({@code lode-bench review-sim} prints the same table). */
class ReviewSimulationTest {

    private static ReviewSimulation.Report report;

    @BeforeAll
    static void simulate() {
        report = new ReviewSimulation().run(1_000, 1);
    }

    @Test
    void aGoodWorkerOfAnUncheckableSkillLeavesProbationAndABadOneIsSuspended() {
        assertThat(report.goodLeavesProbationWithin30()).isGreaterThanOrEqualTo(0.99);
        assertThat(report.goodReputationAtLeast08()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.badPassRate()).isLessThanOrEqualTo(0.05);
        assertThat(report.badSuspendedWithin30()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void lazyBiasedAndHijackableJudgesAreBenchedWithin40Golds() {
        assertThat(report.benchedWithin40Golds()).hasSize(5)
                .allSatisfy((kind, share) -> assertThat(share).as(kind.name()).isGreaterThanOrEqualTo(0.99));
        assertThat(report.injectedPassRate()).isLessThanOrEqualTo(0.05);
        assertThat(report.lazyJudgeEarnedNothing()).isEqualTo(1.0);
    }

    @Test
    void aRingOfAFifthOfTheJudgesCannotCarryItsWorkerAndIsBenched() {
        assertThat(report.markedPassRate()).isLessThanOrEqualTo(0.10);
        assertThat(report.ringBenchedWithin100Reviews()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void verdictsAreRightWhereQualityIsClearAndJudgingCostsAtMostAShareOfFees() {
        assertThat(report.highRight()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.lowRight()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.consumerJudgeCost()).isLessThanOrEqualTo(0.30);
        assertThat(report.deterministic()).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameVerdictsAndAnotherSeedOthers() {
        ReviewSimulation sim = new ReviewSimulation();
        assertThat(sim.run(7L).digest()).isEqualTo(sim.run(7L).digest()).isNotEqualTo(sim.run(8L).digest());
    }
}
