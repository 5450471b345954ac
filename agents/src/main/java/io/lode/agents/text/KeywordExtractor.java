package io.lode.agents.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;

/** The three most frequent content words of a text (ties: first seen first), comma-separated. */
public final class KeywordExtractor implements UnaryOperator<String> {

    public static final SkillCard SKILL = new SkillCard("keywords", "Keyword extraction",
            "Extracts the most important keywords from a text.", List.of("keywords", "extraction", "text"),
            List.of("Extract the keywords of: ..."));

    private static final int KEYWORDS = 3;

    @Override
    public String apply(String request) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String term : Texts.terms(Texts.material(request))) {
            counts.merge(term, 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return "no keywords: the text has no content words";
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(KEYWORDS).map(Map.Entry::getKey).collect(Collectors.joining(", "));
    }
}
