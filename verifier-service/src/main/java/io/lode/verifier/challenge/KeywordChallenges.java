package io.lode.verifier.challenge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import io.lode.verifier.judging.Judgement;

/**
 * Extraction from a given text: a short text in which two invented terms are the subject (four mentions each,
 * every other content word at most twice); the answer must name both, and stay short — returning the whole
 * text is not extraction.
 */
final class KeywordChallenges extends PromptedChallenges {

    static final int MAX_ANSWER_CHARS = 300;
    private static final String PROMPT = "Extract the three most important keywords from this text:\n\n";
    private static final Phrasings.Parts PHRASINGS = new Phrasings.Parts(
            List.of("Extract the keywords of", "List the key terms in", "Give the three most important keywords of",
                    "Pull out the main keywords from", "Which keywords best describe", "Tag"),
            List.of("this text", "the following", "the passage below", "this", "the text below", "this document"),
            List.of("", "as a comma-separated list", "(three at most)", "one per line", "briefly"));
    private static final List<String> TERMS = List.of("keyword", "keyphrase", "entit", "tagging");
    private static final List<String> SENTENCES = List.of(
            "The %s report was reviewed by the board in spring.",
            "Engineers compared %s with older designs.",
            "Nobody expected %s to change the harbour so quickly.",
            "A small museum now explains how %s works.",
            "Farmers near the river were the first to try %s.",
            "Critics argue that %s costs more than it saves.",
            "Several schools added %s to their lessons last winter.",
            "The city council published new rules about %s.",
            "Early tests of %s happened in a quiet valley.",
            "Visitors often ask where %s came from.");

    KeywordChallenges() {
        super(Challenge.Checker.KEYWORDS, TERMS, PROMPT, PHRASINGS);
    }

    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        String first = Words.invented(random, 3);
        String second;
        do {
            second = Words.invented(random, 3);
        } while (second.equals(first));
        List<String> templates = new ArrayList<>(SENTENCES);
        Collections.shuffle(templates, new java.util.Random(random.nextLong()));
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sentences.add(String.format(templates.get(i), i % 2 == 0 ? first : Words.capitalised(second)));
        }
        String input = PROMPT + String.join(" ", sentences);
        return new Challenge(skillId, input, checker(), first + "," + second);
    }

    @Override
    public Optional<Judgement> refute(String input, String answer) {
        Set<String> textWords = new HashSet<>(Words.content(input));
        List<String> named = Words.content(answer);
        if (named.stream().noneMatch(textWords::contains)) {
            return Optional.of(Judgement.fail("keywords", "none of the answer's words occurs in the text: "
                    + "keywords are taken from it"));
        }
        return Optional.empty();
    }

    @Override
    public Judgement check(Challenge challenge, String answer) {
        if (answer.length() > MAX_ANSWER_CHARS) {
            return Judgement.fail("keywords", "answer of " + answer.length() + " characters is not a keyword list (at most "
                    + MAX_ANSWER_CHARS + ")");
        }
        List<String> expected = List.of(challenge.expected().split(","));
        List<String> missing = expected.stream().filter(term -> !Words.containsWord(answer, term)).toList();
        double score = (double) (expected.size() - missing.size()) / expected.size();
        return missing.isEmpty()
                ? Judgement.pass("keywords", 1.0, "named both subject terms")
                : new Judgement(io.lode.events.verdicts.Verdict.FAIL, "keywords", score,
                        List.of("missed the subject term(s) " + String.join(", ", missing)));
    }
}
