package io.lode.agents.arithmetic;

import java.util.List;
import java.util.function.UnaryOperator;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.arithmetic.ArithmeticTask;

/**
 * Solves arithmetic questions exactly ("what is 2 + 3 * 4?" → "14"): the whole expression, with precedence,
 * parentheses, decimals and unary minus, evaluated by the same parser the verifier checks with. Real work, no
 * network needed.
 */
public final class ArithmeticSolver implements UnaryOperator<String> {

    public static final SkillCard SKILL = new SkillCard("arithmetic", "Arithmetic",
            "Solves arithmetic questions exactly: addition, subtraction, multiplication, division, powers and "
                    + "parentheses.",
            List.of("math", "arithmetic", "calculator"), List.of("what is 2 + 3 * 4?", "(12.5 - 0.5) / 4"));

    static final String CANNOT = "I can only solve arithmetic questions like 'what is 2 + 3 * 4?'";

    @Override
    public String apply(String question) {
        return ArithmeticTask.read(question).map(task -> task.evaluation().display()).orElse(CANNOT);
    }
}
