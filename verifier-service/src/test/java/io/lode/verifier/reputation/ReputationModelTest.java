package io.lode.verifier.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.lode.verifier.judging.Judgement;
import io.lode.verifier.judging.ProtocolCheck;
import io.lode.verifier.judging.VerificationPolicy;

/** The reputation model with the service's defaults: who leaves probation, who falls below the floor, and when. */
class ReputationModelTest {

    private static final double FLOOR = 0.3;
    private final ReputationModel model = new ReputationModel(0.97, 5, 0.7);
    private final Evidence evidence = new Evidence(2);

    @Test
    void anHonestAgentLeavesProbationAfterNinePassesAndItsScoreOnlyRises() {
        Reputation reputation = Reputation.fresh();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double weight = i < 2 || i % 5 == 0 ? 2 : 1; // exam questions and honeypots weigh more
            reputation = model.observe(reputation, 1.0, weight, true);
            scores.add(reputation.score());
            assertThat(reputation.probation()).isEqualTo(i < 8);
        }
        assertThat(scores).isSorted();
        assertThat(reputation.score()).isGreaterThan(0.9);
    }

    @Test
    void answersNothingCouldCheckNeverBuildReputationSoAConstantAgentStaysInProbation() {
        Judgement liveness = Judgement.pass("liveness", 1.0, "answered");
        Judgement unchecked = Judgement.pass(VerificationPolicy.UNCHECKED, 0.5, "no checker");
        Reputation reputation = Reputation.fresh();
        for (int i = 0; i < 1_000; i++) {
            reputation = model.observe(reputation, 1.0, evidence.weight(liveness, true, false, 0), true);
            reputation = model.observe(reputation, 0.5, evidence.weight(unchecked, false, true, 500), true);
        }
        assertThat(reputation).isEqualTo(Reputation.fresh());
    }

    @Test
    void agentsRightHalfTheTimeAlmostNeverLeaveProbation() {
        SplittableRandom coin = new SplittableRandom(7);
        int graduated = 0;
        for (int agent = 0; agent < 2_000; agent++) {
            Reputation reputation = Reputation.fresh();
            for (int i = 0; i < 300 && reputation.probation(); i++) {
                boolean right = coin.nextBoolean();
                reputation = model.observe(reputation, right ? 1 : 0, 2, right);
            }
            graduated += reputation.probation() ? 0 : 1;
        }
        // Nine right answers in a row from the start: 1 in 512; later streaks are diluted by the record.
        assertThat(graduated).isLessThan(2_000 / 100);
    }

    @Test
    void aMostlyRightAgentGraduatesEventually() {
        SplittableRandom coin = new SplittableRandom(11);
        Reputation reputation = Reputation.fresh();
        int verdicts = 0;
        while (reputation.probation() && verdicts < 500) {
            boolean right = coin.nextDouble() < 0.9;
            reputation = model.observe(reputation, right ? 1 : 0, 1, right);
            verdicts++;
        }
        assertThat(reputation.probation()).isFalse();
        assertThat(verdicts).isLessThan(100);
    }

    @Test
    void aLiarThatPassedItsExamFallsBelowTheFloorWithinTenWrongAnswers() {
        Reputation reputation = Reputation.fresh();
        reputation = model.observe(reputation, 1, 2, true);
        reputation = model.observe(reputation, 1, 2, true);
        int wrong = 0;
        while (reputation.score() >= FLOOR || reputation.verdicts() < 10) {
            reputation = model.observe(reputation, 0, 1, false);
            wrong++;
        }
        assertThat(wrong).isLessThanOrEqualTo(10);
    }

    @Test
    void aLongGoodPastDoesNotShieldAnAgentThatTurnsBad() {
        Reputation reputation = Reputation.fresh();
        for (int i = 0; i < 500; i++) {
            reputation = model.observe(reputation, 1, 1, true);
        }
        int wrong = 0;
        while (reputation.score() >= FLOOR) {
            reputation = model.observe(reputation, 0, 1, false);
            wrong++;
        }
        // With decay 0.97 old evidence is worth at most 1/(1-0.97) ≈ 33 verdicts.
        assertThat(wrong).isLessThan(60);
        assertThat(reputation.probation()).as("probation, once left, is not re-entered").isFalse();
    }

    @Test
    void freeOrUncheckedConsumerTrafficWeighsNothingWhileProtocolFailuresAlwaysCount() {
        Judgement checked = Judgement.pass("arithmetic", 1.0, "exact");
        assertThat(evidence.weight(checked, false, true, 0)).isZero();
        assertThat(evidence.weight(checked, false, true, 100)).isEqualTo(1);
        assertThat(evidence.weight(checked, true, true, 0)).isEqualTo(2);
        assertThat(evidence.weight(Judgement.fail(ProtocolCheck.METHOD, "timeout"), false, true, 0)).isEqualTo(1);
    }
}
