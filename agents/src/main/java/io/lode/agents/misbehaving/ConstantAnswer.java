package io.lode.agents.misbehaving;

import java.util.function.UnaryOperator;

/** Answers every request with the same text: does no work, hopes to be paid anyway. */
public record ConstantAnswer(String answer) implements UnaryOperator<String> {

    @Override
    public String apply(String request) {
        return answer;
    }
}
