package io.lode.verifier.judging;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lode.events.verdicts.Verdict;
import io.lode.semantics.Vectors;

/**
 * k-of-n agreement for redundant tasks: each answer is compared with the other agents' answers to the same task.
 * Structured answers (a number, JSON, or at most three words) agree when equal after normalising (numbers by
 * value, JSON by content, words by case, spacing and final punctuation); free text agrees when the MiniLM
 * embeddings have a cosine of at least {@code minSimilarity}. An answer that agrees with a strict majority of all
 * answers (itself included) PASSes with score = share of answers it agrees with; an answer outside a majority that
 * exists FAILs; without any majority every answer is INCONCLUSIVE (delivered work not judged FAIL: each is paid;
 * nobody loses reputation).
 */
public final class AgreementCheck implements VerificationStrategy {

    public static final String METHOD = "agreement";
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            true);

    private final Function<String, float[]> embedder;
    private final double minSimilarity;

    public AgreementCheck(Function<String, float[]> embedder, double minSimilarity) {
        this.embedder = embedder;
        this.minSimilarity = minSimilarity;
    }

    @Override
    public Optional<Judgement> judge(Submission submission) {
        if (submission.peers().isEmpty()) {
            return Optional.empty();
        }
        List<String> answers = new ArrayList<>();
        answers.add(submission.result().getOutput());
        submission.peers().forEach(peer -> answers.add(peer.getOutput()));
        Map<String, float[]> vectors = new HashMap<>();
        int n = answers.size();
        int[] support = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j || agree(answers.get(i), answers.get(j), vectors)) {
                    support[i]++;
                }
            }
        }
        int mine = support[0];
        boolean majorityExists = false;
        for (int s : support) {
            majorityExists |= 2 * s > n;
        }
        double score = (double) mine / n;
        String tally = "agrees with " + (mine - 1) + " of the " + (n - 1) + " other answers";
        if (2 * mine > n) {
            return Optional.of(new Judgement(Verdict.PASS, METHOD, score, List.of(tally)));
        }
        if (majorityExists) {
            return Optional.of(new Judgement(Verdict.FAIL, METHOD, score,
                    List.of(tally + "; a majority of the " + n + " answers agree on another answer")));
        }
        return Optional.of(new Judgement(Verdict.INCONCLUSIVE, METHOD, 0.5,
                List.of(tally + "; no majority among the " + n + " answers")));
    }

    private boolean agree(String a, String b, Map<String, float[]> vectors) {
        Optional<String> structuredA = structured(a);
        Optional<String> structuredB = structured(b);
        if (structuredA.isPresent() && structuredB.isPresent()) {
            return structuredA.get().equals(structuredB.get());
        }
        float[] va = vectors.computeIfAbsent(a, embedder);
        float[] vb = vectors.computeIfAbsent(b, embedder);
        return Vectors.dot(va, vb) >= minSimilarity;
    }

    /** The normal form of a structured answer; empty for free text. */
    static Optional<String> structured(String answer) {
        String text = answer.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                JsonNode json = JSON.readTree(text);
                return Optional.of(JSON.writeValueAsString(JSON.treeToValue(json, Object.class)));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        String words = text.toLowerCase(Locale.ROOT).replaceAll("[.!?]+$", "").replaceAll("\\s+", " ");
        try {
            return Optional.of(new BigDecimal(words.replace(",", "")).stripTrailingZeros().toPlainString());
        } catch (NumberFormatException e) {
            return words.split(" ").length <= 3 ? Optional.of(words) : Optional.empty();
        }
    }
}
