package io.lode.verifier.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.lode.arithmetic.ArithmeticTask;
import io.lode.events.verdicts.Verdict;
import io.lode.verifier.judging.ArithmeticCheck;

class ChallengeBankTest {

    private final ChallengeBank bank = new ChallengeBank(new Random(42));

    @Test
    void arithmeticSkillsGetSolvableChallengesWhoseAnswerTheCheckerAgreesWith() {
        for (int i = 0; i < 50; i++) {
            Challenge challenge = bank.challengeFor("arithmetic", "Arithmetic solver");
            assertThat(challenge.checker()).isEqualTo(Challenge.Checker.ARITHMETIC);
            assertThat(ArithmeticTask.read(challenge.input())).hasValueSatisfying(task ->
                    assertThat(ArithmeticCheck.judge(task, challenge.expected()).verdict()).isEqualTo(Verdict.PASS));
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

    @ParameterizedTest(name = "{0} / {1} / {2} / {3} → {4}")
    @CsvSource(delimiter = '|', value = {
        "word-count|Word counter|Counts the number of words in a text|text|LIVENESS",
        "arithmetic|Arithmetic|Solves sums|math|ARITHMETIC",
        "calc|Calculator||tools|ARITHMETIC",
        "translate|French translation|Translates French; keeps numbers and entities intact|language|LIVENESS",
        "ast|Abstract syntax trees|Parses code into an abstract syntax tree|code|LIVENESS",
        "gist|Summarisation|Two sentences|gist|SUMMARY",
        "tagger|Keyword extraction|Extracts keywords|nlp|KEYWORDS",
        "reviews|Review mood|Says whether a review is positive|sentiment|CLASSIFICATION",
        "helper|Helper|Summarises any text|misc|LIVENESS",
        "tax|Tax explainer|Explains tax rules; no arithmetic is done|finance|LIVENESS",
        "identity|Identity checks|Checks passport identity|kyc|LIVENESS"})
    void choosesTheFamilyFromWholeWordsOfTheSkillsIdNameAndTags(String id, String name, String description, String tag,
                                                           Challenge.Checker expected) {
        ChallengeBank.FamilyChoice choice = ChallengeBank.familyOf(
                new DeclaredSkill(id, name, description, List.of(tag)));
        assertThat(choice.family().checker()).isEqualTo(expected);
        assertThat(choice.reason()).startsWith(expected.name().toLowerCase() + " exam: ");
    }

    @Test
    void theReasonSaysWhichWordsChoseTheFamily() {
        assertThat(ChallengeBank.familyOf(new DeclaredSkill("s", "Digest writer", "", List.of())).reason())
                .isEqualTo("summary exam: its id, name or tags say 'digest'");
        assertThat(ChallengeBank.familyOf(new DeclaredSkill("s", "Poet", "writes poems", List.of())).reason())
                .contains("names a checked family");
    }
}
