package io.lode.agents.arithmetic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;

/** Solves "a op b" questions exactly ("what is 17 * 23?" → "391"): real work, no network needed. */
public final class ArithmeticSolver implements UnaryOperator<String> {

    public static final SkillCard SKILL = new SkillCard("arithmetic", "Arithmetic",
            "Solves arithmetic questions exactly: addition, subtraction, multiplication and division.",
            List.of("math", "arithmetic", "calculator"), List.of("what is 17 * 23?", "12.5 / 4"));

    private static final Pattern EXPRESSION = Pattern.compile(
            "(-?\\d+(?:\\.\\d+)?)\\s*([+\\-*/x×÷])\\s*(-?\\d+(?:\\.\\d+)?)");

    @Override
    public String apply(String question) {
        Matcher m = EXPRESSION.matcher(question);
        if (!m.find()) {
            return "I can only solve questions like 'what is 17 * 23?'";
        }
        BigDecimal a = new BigDecimal(m.group(1));
        BigDecimal b = new BigDecimal(m.group(3));
        BigDecimal result = switch (m.group(2)) {
            case "+" -> a.add(b);
            case "-" -> a.subtract(b);
            case "*", "x", "×" -> a.multiply(b);
            default -> {
                if (b.signum() == 0) {
                    yield null;
                }
                yield a.divide(b, MathContext.DECIMAL64);
            }
        };
        return result == null ? "division by zero is undefined" : result.stripTrailingZeros().toPlainString();
    }
}
