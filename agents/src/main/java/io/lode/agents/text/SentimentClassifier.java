package io.lode.agents.text;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;

/** Labels a review positive or negative by counting words of a small sentiment lexicon. */
public final class SentimentClassifier implements UnaryOperator<String> {

    public static final SkillCard SKILL = new SkillCard("sentiment", "Sentiment classification",
            "Classifies the sentiment of a review as positive or negative.", List.of("classification", "sentiment"),
            List.of("Classify the sentiment of: I love it"));

    private static final Set<String> POSITIVE = Set.of("love", "loved", "excellent", "great", "perfect", "perfectly",
            "delighted", "reliable", "sturdy", "happy", "happily", "worth", "good", "early", "recommend", "light");
    private static final Set<String> NEGATIVE = Set.of("broke", "broken", "regret", "terrible", "damaged", "waste",
            "disappointed", "flimsy", "cheap", "never", "bad", "late", "awful", "poor", "useless");

    @Override
    public String apply(String request) {
        List<String> terms = Texts.terms(Texts.material(request));
        long score = terms.stream().filter(POSITIVE::contains).count() - terms.stream().filter(NEGATIVE::contains)
                .count();
        return score >= 0 ? "positive" : "negative";
    }
}
