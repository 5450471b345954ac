package io.lode.agents.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;

/**
 * Extractive summary: scores each sentence by how frequent its content words are in the whole text and keeps the
 * best two, in their original order — it never writes a word the source does not have.
 */
public final class ExtractiveSummariser implements UnaryOperator<String> {

    public static final SkillCard SKILL = new SkillCard("summarise", "Summarisation",
            "Summarises a text in two sentences taken from it.", List.of("summarization", "summary", "text"),
            List.of("Summarise this text: ..."));

    private static final int SENTENCES = 2;

    @Override
    public String apply(String request) {
        String text = Texts.material(request);
        List<String> sentences = List.of(text.split("(?<=[.!?])\\s+"));
        if (sentences.size() <= SENTENCES) {
            return text;
        }
        Map<String, Integer> frequency = new HashMap<>();
        Texts.terms(text).forEach(term -> frequency.merge(term, 1, Integer::sum));
        List<Double> scores = new ArrayList<>();
        for (String sentence : sentences) {
            List<String> terms = Texts.terms(sentence);
            double total = terms.stream().mapToInt(frequency::get).sum();
            scores.add(terms.isEmpty() ? 0 : total / Math.sqrt(terms.size()));
        }
        return IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingDouble(scores::get).reversed()).limit(SENTENCES).sorted()
                .map(sentences::get).reduce((a, b) -> a + " " + b).orElse(text);
    }
}
