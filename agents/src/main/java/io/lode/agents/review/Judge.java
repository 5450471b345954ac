package io.lode.agents.review;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.lode.agents.a2a.PartsSkill;

/**
 * A judge agent: it answers a {@code review/v1} request with a data part {@code {"score","reason"}} and the same
 * as text ending in {@code SCORE: n}; anything else it is sent (an exam's "say hello") it answers in a sentence.
 * Subclasses say how a task and answer are scored.
 */
public abstract class Judge implements PartsSkill {

    /** A score in [0, 1] and why. */
    public record Review(double score, String reason) {
    }

    /**
     * Thrown by {@link #review} when this judge cannot score the request (its model did not answer): it then says
     * why and gives no score, which decides nothing — better than a guessed 0.5, which its gold reviews would count.
     */
    protected static final class NoReview extends RuntimeException {
        public NoReview(String why) {
            super(why);
        }
    }

    protected abstract Review review(ReviewData request);

    @Override
    public Optional<Answer> answer(String text, List<JsonNode> data) {
        return ReviewData.of(data).map(request -> {
            Review review;
            try {
                review = review(request);
            } catch (NoReview e) {
                return new Answer("no score: " + e.getMessage(), null);
            }
            double score = Math.max(0, Math.min(1, review.score()));
            return new Answer(review.reason() + "\nSCORE: " + String.format(Locale.ROOT, "%.1f", score * 10),
                    JsonNodeFactory.instance.objectNode().put("score", score).put("reason", review.reason()));
        });
    }

    @Override
    public String apply(String text) {
        return "I review answers to tasks: send me a review/v1 request.";
    }
}
