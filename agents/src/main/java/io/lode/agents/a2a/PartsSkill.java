package io.lode.agents.a2a;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A skill that reads a message's data parts as well as its text, and may answer with a data part too (a judge
 * reads the {@code review/v1} data part and answers {@code {"score","reason"}}). Plain text messages still go to
 * {@link #apply}.
 */
public interface PartsSkill extends UnaryOperator<String> {

    /** The answer to a message with these data parts (their {@code data} objects), or empty to answer its text. */
    Optional<Answer> answer(String text, List<JsonNode> data);

    /** A text part and, when not null, a data part. */
    record Answer(String text, JsonNode data) {
    }
}
