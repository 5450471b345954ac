package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.lode.events.verdicts.Verdict;
import io.lode.verifier.judging.Judgement;

/**
 * Classification with known labels: a product review assembled from phrases of one sentiment around a neutral
 * one; the answer must name that label and not the other.
 */
final class ClassificationChallenges implements ChallengeFamily {

    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";
    private static final String PROMPT = "Classify the sentiment of this review as one of: positive, negative.\n\nReview: ";
    private static final List<String> TERMS = List.of("classif", "sentiment", "categor", "label");
    private static final List<String> PRODUCTS = List.of("kettle", "backpack", "desk lamp", "bicycle helmet",
            "coffee grinder", "rain jacket", "keyboard", "tent", "blender", "pair of headphones");
    private static final List<String> GOOD = List.of("it works perfectly", "I love how light it is",
            "the quality is excellent", "it arrived early and well packed", "it is worth every penny",
            "my family is delighted with it", "it feels sturdy and reliable", "I would happily buy it again");
    private static final List<String> BAD = List.of("it broke after two days", "I regret buying it",
            "the quality is terrible", "it arrived late and damaged", "it is a waste of money",
            "my family is disappointed with it", "it feels flimsy and cheap", "I would never buy it again");
    private static final List<String> NEUTRAL = List.of("I used it every day for a month",
            "it came in a blue box", "I bought it for my brother", "it took a week to arrive");

    @Override
    public Challenge.Checker checker() {
        return Challenge.Checker.CLASSIFICATION;
    }

    @Override
    public List<String> terms() {
        return TERMS;
    }

    @Override
    public Optional<Challenge> rephrased(Challenge challenge, String instruction) {
        return Phrasings.replacePrompt(challenge, PROMPT, instruction);
    }

    @Override
    public Optional<String> instruction(RandomGenerator random) {
        return Optional.of(Phrasings.generate(random, List.of("Classify the sentiment of", "Is this positive or negative? Judge", "Label the sentiment of", "Tell me the mood of", "Rate as positive or negative", "Sentiment of"), List.of("this review", "the following review", "the review below", "this customer review", "this"), List.of("", "as positive or negative", "(positive or negative)", "with one word: positive or negative")));
    }

    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        boolean positive = random.nextBoolean();
        List<String> phrases = new ArrayList<>(positive ? GOOD : BAD);
        String first = phrases.remove(random.nextInt(phrases.size()));
        String second = phrases.get(random.nextInt(phrases.size()));
        String review = "I got this " + Words.pick(random, PRODUCTS) + " recently. " + Words.capitalised(first) + ". "
                + Words.capitalised(Words.pick(random, NEUTRAL)) + ", and " + second + ".";
        String input = PROMPT + review;
        return new Challenge(skillId, input, checker(), positive ? POSITIVE : NEGATIVE);
    }

    @Override
    public Judgement check(Challenge challenge, String answer) {
        String expected = challenge.expected();
        String other = expected.equals(POSITIVE) ? NEGATIVE : POSITIVE;
        boolean named = Words.containsWord(answer, expected);
        boolean hedged = Words.containsWord(answer, other);
        if (named && !hedged) {
            return Judgement.pass("classification", 1.0, "labelled " + expected);
        }
        return new Judgement(Verdict.FAIL, "classification", 0.0, List.of(named
                ? "named both labels; expected only " + expected
                : "label " + expected + " expected"));
    }
}
