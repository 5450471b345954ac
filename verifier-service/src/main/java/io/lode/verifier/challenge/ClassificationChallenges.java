package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lode.events.verdicts.Verdict;
import io.lode.verifier.judging.Judgement;

/**
 * Classification with known labels: a product review assembled from phrases of one sentiment around a neutral
 * one; the answer must name that label and not the other.
 */
final class ClassificationChallenges extends PromptedChallenges {

    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";
    private static final String PROMPT =
            "Classify the sentiment of this review as one of: positive, negative.\n\nReview: ";
    private static final Phrasings.Parts PHRASINGS = new Phrasings.Parts(
            List.of("Classify the sentiment of", "Is this positive or negative? Judge", "Label the sentiment of",
                    "Tell me the mood of", "Rate as positive or negative", "Sentiment of"),
            List.of("this review", "the following review", "the review below", "this customer review", "this"),
            List.of("", "as positive or negative", "(positive or negative)", "with one word: positive or negative"));
    private static final List<String> TERMS = List.of("classif", "sentiment", "categor", "label");
    /** "… as one of: billing, technical, other." — the labels a consumer's task offers, up to the line's end. */
    private static final Pattern OFFERED = Pattern.compile(
            "(?i)\\bone of\\s*:?\\s*([^\\n.?!]{1,300})");
    private static final List<String> SENTIMENTS = List.of(POSITIVE, NEGATIVE, "neutral", "mixed");
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

    /**
     * A consumer's classification task refutes an answer that names none of the labels it offers ("one of:
     * billing, technical, other"), or several; a sentiment task without a label list, an answer naming no
     * sentiment at all. Which label is right it cannot tell: that is left to the next strategy.
     */
    ClassificationChallenges() {
        super(Challenge.Checker.CLASSIFICATION, TERMS, PROMPT, PHRASINGS);
    }

    @Override
    public Optional<Judgement> refute(String input, String answer) {
        Matcher offered = OFFERED.matcher(input);
        List<String> labels;
        if (offered.find()) {
            labels = Arrays.stream(offered.group(1).split(",|\\bor\\b"))
                    .map(l -> l.strip().toLowerCase(Locale.ROOT)).filter(l -> !l.isEmpty()
                            && !l.contains(" ")).distinct().toList();
        } else if (Words.tokens(input).contains("sentiment")) {
            labels = SENTIMENTS;
        } else {
            return Optional.empty();
        }
        if (labels.size() < 2) {
            return Optional.empty();
        }
        List<String> named = labels.stream().filter(l -> Words.containsWord(answer, l)).toList();
        if (named.isEmpty()) {
            return Optional.of(Judgement.fail("classification", "names none of the labels " + labels));
        }
        if (named.size() == 1 || labels == SENTIMENTS) {
            return Optional.empty();
        }
        return Optional.of(Judgement.fail("classification", "names several labels " + named + "; one expected"));
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
