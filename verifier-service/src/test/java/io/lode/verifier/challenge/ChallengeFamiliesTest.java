package io.lode.verifier.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.lode.agents.arithmetic.ArithmeticSolver;
import io.lode.agents.misbehaving.ConstantAnswer;
import io.lode.agents.misbehaving.HoneypotGamer;
import io.lode.agents.misbehaving.LyingCalculator;
import io.lode.agents.text.ExtractiveSummariser;
import io.lode.agents.text.KeywordExtractor;
import io.lode.agents.text.SentimentClassifier;
import io.lode.events.verdicts.Verdict;
import io.lode.verifier.challenge.Challenge.Checker;
import io.lode.verifier.judging.Judgement;

/**
 * Each challenge family against the example agents: the honest agent of the family passes every fresh challenge,
 * agents that do not do the work fail, and checking is deterministic. Seeded, so a failure can be replayed.
 */
class ChallengeFamiliesTest {

    private static final int ROUNDS = 60;

    private final ChallengeBank bank = new ChallengeBank(new Random(20261129));

    enum Family {
        ARITHMETIC("arithmetic", "Solves arithmetic exactly", new ArithmeticSolver()),
        KEYWORDS("keywords", "Keyword extraction from a text", new KeywordExtractor()),
        CLASSIFICATION("sentiment", "Sentiment classification", new SentimentClassifier()),
        SUMMARY("summarise", "Summarization of texts", new ExtractiveSummariser());

        final String skillId;
        final String skillText;
        final UnaryOperator<String> honestAgent;

        Family(String skillId, String skillText, UnaryOperator<String> honestAgent) {
            this.skillId = skillId;
            this.skillText = skillText;
            this.honestAgent = honestAgent;
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void theHonestExampleAgentPassesEveryFreshChallengeOfItsFamily(Family family) {
        Set<String> inputs = new HashSet<>();
        for (int i = 0; i < ROUNDS; i++) {
            Challenge challenge = bank.challengeFor(family.skillId, family.skillText);
            assertThat(challenge.checker()).isEqualTo(Checker.valueOf(family.name()));
            inputs.add(challenge.input());
            Judgement judgement = ChallengeBank.check(challenge, family.honestAgent.apply(challenge.input()));
            assertThat(judgement.verdict()).as("%s → %s", challenge.input(), judgement).isEqualTo(Verdict.PASS);
        }
        assertThat(inputs).as("challenges are fresh, not a fixed set").hasSizeGreaterThan(ROUNDS * 9 / 10);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"KEYWORDS", "CLASSIFICATION", "SUMMARY"})
    void honeypotsReadLikeRealTrafficTheHonestAgentStillPassesAndTheTemplateGamerFails(Family family) {
        ChallengeFamily checker = ChallengeBank.family(Checker.valueOf(family.name()));
        Random random = new Random(7);
        Set<String> instructions = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            instructions.add(checker.instruction(random).orElseThrow());
        }
        assertThat(instructions).as("a large space of phrasings").hasSizeGreaterThan(200);

        UnaryOperator<String> gamer = new HoneypotGamer(family.honestAgent, "Summary unavailable.");
        String real = Phrasings.instructionOf("Give me the gist of this: some consumer text").orElseThrow();
        int gamerFailed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Challenge exam = bank.challengeFor(family.skillId, family.skillText);
            String instruction = i % 2 == 0 ? real : checker.instruction(random).orElseThrow();
            Challenge honeypot = checker.rephrased(exam, instruction).orElseThrow();
            assertThat(honeypot.input()).startsWith(instruction).isNotEqualTo(exam.input());
            Judgement honest = ChallengeBank.check(honeypot, family.honestAgent.apply(honeypot.input()));
            assertThat(honest.verdict()).as("%s → %s", honeypot.input(), honest).isEqualTo(Verdict.PASS);
            if (ChallengeBank.check(honeypot, gamer.apply(honeypot.input())).verdict() == Verdict.FAIL) {
                gamerFailed++;
            }
        }
        assertThat(gamerFailed).as("a gamer that learned the exam's wording is caught").isGreaterThan(ROUNDS * 3 / 4);
    }

    @Test
    void onlyAShortOneLineInstructionOfARealTaskIsBorrowed() {
        assertThat(Phrasings.instructionOf("Give me the gist of this: Quorvane is a cooperative"))
                .hasValue("Give me the gist of this: ");
        assertThat(Phrasings.instructionOf("Quorvane is a cooperative in Ghent. " + "It repairs bikes. ".repeat(10)
                + "Note: closed on Sundays")).isEmpty();
        assertThat(Phrasings.instructionOf("Summary:")).isEmpty();
        assertThat(Phrasings.instructionOf("no colon at all")).isEmpty();
        assertThat(Phrasings.instructionOf("Two lines\nhere: text")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aConstantAnswerFailsAtLeastHalfOfTheChallenges(Family family) {
        UnaryOperator<String> constant = new ConstantAnswer("positive, 42, Here is your summary.");
        int failed = 0;
        for (int i = 0; i < ROUNDS; i++) {
            Challenge challenge = bank.challengeFor(family.skillId, family.skillText);
            if (ChallengeBank.check(challenge, constant.apply(challenge.input())).verdict() == Verdict.FAIL) {
                failed++;
            }
        }
        assertThat(failed).isGreaterThanOrEqualTo(ROUNDS / 2 - 10);
    }

    @Test
    void aSummaryThatInventsFactsOrCopiesTheWholeTextFails() {
        Challenge challenge = bank.challengeFor("summarise", "summarization");
        String source = challenge.expected().split("\n", 2)[1];
        String company = challenge.expected().split("\n", 2)[0];

        assertThat(ChallengeBank.check(challenge, source).evidence()).anyMatch(e -> e.contains("longer than 60%"));
        assertThat(ChallengeBank.check(challenge, company + " sold 123456789 units.").evidence())
                .anyMatch(e -> e.contains("numbers not in the source"));
        assertThat(ChallengeBank.check(challenge, company + " brews award winning craft beer for astronauts.")
                .evidence()).anyMatch(e -> e.contains("content words occur in the source"));
    }

    @Test
    void aLyingCalculatorFailsOnceItStartsLying() {
        LyingCalculator liar = new LyingCalculator(3);
        for (int i = 0; i < 10; i++) {
            Challenge challenge = bank.challengeFor("arithmetic", "math");
            Verdict verdict = ChallengeBank.check(challenge, liar.apply(challenge.input())).verdict();
            assertThat(verdict).isEqualTo(i < 3 ? Verdict.PASS : Verdict.FAIL);
        }
    }

    @Test
    void aHoneypotGamerPassesChallengesBecauseTheyLookLikeChallenges() {
        HoneypotGamer gamer = new HoneypotGamer(new ExtractiveSummariser(), "Summary unavailable.");
        Challenge challenge = bank.challengeFor("summarise", "summarization");
        assertThat(ChallengeBank.check(challenge, gamer.apply(challenge.input())).verdict()).isEqualTo(Verdict.PASS);
        assertThat(gamer.apply("Give me the gist of this: " + challenge.input())).isEqualTo("Summary unavailable.");
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void checkingIsDeterministic(Family family) {
        Challenge challenge = bank.challengeFor(family.skillId, family.skillText);
        String answer = family.honestAgent.apply(challenge.input()) + " maybe";
        assertThat(ChallengeBank.check(challenge, answer)).isEqualTo(ChallengeBank.check(challenge, answer));
    }

    @Test
    void skillsNoCheckerCoversGetALivenessChallengeThatProvesNoSkill() {
        Challenge challenge = bank.challengeFor("poetry", "writes poems about the sea");
        assertThat(challenge.checker()).isEqualTo(Checker.LIVENESS);
        assertThat(ChallengeBank.family(Checker.LIVENESS).provesSkill()).isFalse();
        assertThat(ChallengeBank.family(Checker.SUMMARY).provesSkill()).isTrue();
    }
}
