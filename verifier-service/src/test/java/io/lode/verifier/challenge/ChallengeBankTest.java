package io.lode.verifier.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lode.verifier.judging.ArithmeticCheck;

class ChallengeBankTest {

    private final ChallengeBank bank = new ChallengeBank(new Random(42));

    @Test
    void arithmeticSkillsGetSolvableChallengesWhoseAnswerTheCheckerAgreesWith() {
        for (int i = 0; i < 50; i++) {
            Challenge challenge = bank.challengeFor("arithmetic", "Arithmetic solver");
            assertThat(challenge.checker()).isEqualTo(Challenge.Checker.ARITHMETIC);
            assertThat(ArithmeticCheck.expected(challenge.input())).hasValueSatisfying(v ->
                    assertThat(v).isEqualByComparingTo(new BigDecimal(challenge.expected())));
        }
    }

    @Test
    void challengesVarySoAnswersCannotBeMemorised() {
        Set<String> inputs = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            inputs.add(bank.challengeFor("math", "").input());
        }
        assertThat(inputs.size()).isGreaterThan(15);
    }

    @Test
    void uncheckableSkillsGetALivenessChallenge() {
        assertThat(bank.challengeFor("poetry", "writes poems").checker()).isEqualTo(Challenge.Checker.LIVENESS);
    }
}
