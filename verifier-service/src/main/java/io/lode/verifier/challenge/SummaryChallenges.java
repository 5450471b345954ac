package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.lode.events.verdicts.Verdict;
import io.lode.verifier.judging.Judgement;

/**
 * Summarisation checked against the source: a six-sentence profile of an invented company; the summary must be
 * short (at most 60% of the source), name the company, invent no number, and be supported by the source — at
 * least {@value #MIN_SUPPORT} of its content words must occur there. The score is that share.
 */
final class SummaryChallenges extends PromptedChallenges {

    static final double MIN_SUPPORT = 0.7;
    static final double MAX_LENGTH_RATIO = 0.6;
    /** Below this share of content words found in the consumer's text, an answer is not a summary of it. */
    static final double MIN_CONSUMER_SUPPORT = 0.3;
    private static final String PROMPT = "Summarise this text in at most two sentences:\n\n";
    private static final Phrasings.Parts PHRASINGS = new Phrasings.Parts(
            List.of("Summarise", "Summarize", "Give me the gist of", "Sum up", "Condense", "Write a short summary of",
                    "Boil down", "Briefly summarise", "Recap"),
            List.of("this text", "the following", "this profile", "the passage below", "this", "the text below"),
            List.of("", "in two sentences", "in at most two sentences", "briefly", "for a busy reader",
                    "in a few lines"));
    private static final List<String> TERMS = List.of("summar", "digest", "tldr", "condens");
    private static final List<String> CITIES = List.of("Lisbon", "Tallinn", "Porto", "Ghent", "Bergen", "Krakow",
            "Valencia", "Lyon", "Turku", "Graz");
    private static final List<String> PRODUCTS = List.of("solar water pumps", "electric cargo bikes",
            "recycled paper packaging", "hearing aids", "modular greenhouses", "wooden toys", "smart thermostats");
    private static final List<String> FIRST_NAMES = List.of("Marta", "Jonas", "Aiko", "Tomas", "Ines", "Pavel",
            "Leila", "Oskar");

    SummaryChallenges() {
        super(Challenge.Checker.SUMMARY, TERMS, PROMPT, PHRASINGS);
    }

    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        String company = Words.capitalised(Words.invented(random, 3));
        String city = Words.pick(random, CITIES);
        String product = Words.pick(random, PRODUCTS);
        String source = String.join(" ", List.of(
                company + " is a company based in " + city + " that makes " + product + ".",
                "It was founded in " + random.nextInt(1950, 2020) + " by " + Words.pick(random, FIRST_NAMES) + " "
                        + Words.capitalised(Words.invented(random, 2)) + ".",
                "Last year " + company + " sold " + random.nextInt(1_000, 90_000) + " units in "
                        + random.nextInt(3, 40) + " countries.",
                "The firm employs " + random.nextInt(20, 900) + " people, most of them in " + city + ".",
                "Its biggest rival is " + Words.capitalised(Words.invented(random, 3)) + ", which sells cheaper "
                        + product + ".",
                "Next year " + company + " plans to open an office in " + Words.pick(random, CITIES) + "."));
        return new Challenge(skillId, PROMPT + source, checker(), company + "\n" + source);
    }

    @Override
    public Optional<Judgement> refute(String input, String answer) {
        List<String> words = Words.content(answer);
        if (words.isEmpty()) {
            return Optional.of(Judgement.fail("summary", "the answer has no content words: it summarises nothing"));
        }
        Set<String> sourceWords = new HashSet<>(Words.content(input));
        double support = words.stream().filter(sourceWords::contains).count() / (double) words.size();
        if (support < MIN_CONSUMER_SUPPORT) {
            return Optional.of(new Judgement(Verdict.FAIL, "summary", support, List.of(String.format(
                    "only %.0f%% of the answer's content words occur in the text it was asked to summarise "
                            + "(at least %.0f%% expected)", support * 100, MIN_CONSUMER_SUPPORT * 100))));
        }
        return Optional.empty();
    }

    @Override
    public Judgement check(Challenge challenge, String answer) {
        String[] expected = challenge.expected().split("\n", 2);
        String company = expected[0];
        String source = expected[1];
        List<String> problems = new ArrayList<>();
        if (answer.length() > MAX_LENGTH_RATIO * source.length()) {
            problems.add("summary of " + answer.length() + " characters is longer than 60% of the "
                    + source.length() + "-character source");
        }
        if (!Words.containsWord(answer, company)) {
            problems.add("does not name the subject, " + company);
        }
        Set<String> sourceNumbers = Words.numbers(source);
        List<String> invented = Words.numbers(answer).stream().filter(n -> !sourceNumbers.contains(n)).toList();
        if (!invented.isEmpty()) {
            problems.add("numbers not in the source: " + String.join(", ", invented));
        }
        Set<String> sourceWords = new HashSet<>(Words.content(source));
        List<String> words = Words.content(answer);
        double support = words.isEmpty() ? 0 : words.stream().filter(sourceWords::contains).count()
                / (double) words.size();
        if (support < MIN_SUPPORT) {
            problems.add(String.format("only %.0f%% of its content words occur in the source", support * 100));
        }
        return problems.isEmpty()
                ? Judgement.pass("summary", support, String.format("faithful summary (%.0f%% of content words "
                        + "supported by the source)", support * 100))
                : new Judgement(Verdict.FAIL, "summary", support, problems);
    }
}
