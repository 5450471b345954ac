package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

import io.lode.identity.ReviewContract;
import io.lode.verifier.judging.Judgement;

/**
 * The challenge families, in the order a declared skill is matched against them: arithmetic, keyword
 * extraction, classification, summarisation — and liveness for any skill none of them covers (a panel of judges
 * examines it instead when judges can review it: see {@link io.lode.verifier.exam.Examiner}). A skill tagged
 * {@value ReviewContract#TAG} is a judge's: gold reviews examine it.
 */
public final class ChallengeBank {

    private static final List<ChallengeFamily> FAMILIES = List.of(new ArithmeticChallenges(),
            new KeywordChallenges(), new ClassificationChallenges(), new SummaryChallenges(),
            new LivenessChallenges(), new ReviewGolds(), new PanelQuestions());

    private final RandomGenerator random;

    public ChallengeBank(RandomGenerator random) {
        this.random = random;
    }

    /** The family chosen for a skill, and why, in words an agent developer can act on. */
    public record FamilyChoice(ChallengeFamily family, String reason) {
    }

    /**
     * The family that tests a skill. A family is chosen when one of its {@link ChallengeFamily#terms() terms}
     * begins a whole word of the skill's id, name or tags — the words a developer picks to say what the skill
     * is. The description is not read: it says what the skill does with ("keeps numbers and entities intact"),
     * and a word that merely mentions a family's subject must not send a translator to a keyword exam. The
     * first family in {@link #FAMILIES} order wins; a skill no family names gets the liveness exam.
     */
    public static FamilyChoice familyOf(DeclaredSkill skill) {
        if (ReviewGolds.offersReview(skill)) {
            return new FamilyChoice(family(Challenge.Checker.REVIEW), "review exam: a skill tagged "
                    + ReviewContract.TAG + " is examined with " + io.lode.verifier.review.JudgeStanding.WINDOW
                    + " gold reviews");
        }
        List<String> naming = new ArrayList<>(words(skill.id()));
        naming.addAll(words(skill.name()));
        skill.tags().forEach(tag -> naming.addAll(words(tag)));
        for (ChallengeFamily family : FAMILIES) {
            for (String word : naming) {
                for (String term : family.terms()) {
                    if (word.startsWith(term)) {
                        return new FamilyChoice(family, family.checker().name().toLowerCase(Locale.ROOT)
                                + " exam: its id, name or tags say '" + word + "'");
                    }
                }
            }
        }
        return new FamilyChoice(family(Challenge.Checker.LIVENESS), "liveness exam: neither its id, name nor tags "
                + "names a checked family (arithmetic, keywords, classification, summary)");
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")).filter(w -> !w.isEmpty()).toList();
    }

    public static ChallengeFamily family(Challenge.Checker checker) {
        return FAMILIES.stream().filter(f -> f.checker() == checker).findFirst().orElseThrow();
    }

    public Challenge challengeFor(DeclaredSkill skill) {
        return familyOf(skill).family().generate(skill.id(), random);
    }

    /** A challenge for a skill known by its id and name only. */
    public Challenge challengeFor(String skillId, String name) {
        return challengeFor(new DeclaredSkill(skillId, name, "", List.of()));
    }

    /** A fresh challenge of the given family, for a skill already classified. */
    public Challenge challengeFor(String skillId, Challenge.Checker checker) {
        return family(checker).generate(skillId, random);
    }

    public static Judgement check(Challenge challenge, String answer) {
        return family(challenge.checker()).check(challenge, answer);
    }
}
