package io.lode.verifier.judging;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic check of simple arithmetic: finds "a op b" in the task, computes it exactly, and accepts an
 * answer whose last number equals the result ("391", "17 * 23 = 391").
 */
public final class ArithmeticCheck {

    private static final Pattern EXPRESSION = Pattern.compile(
            "(-?\\d+(?:\\.\\d+)?)\\s*([+\\-*/x×÷])\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:[.,]\\d+)?");

    private ArithmeticCheck() {
    }

    /** The exact result of the first expression in {@code input}, if it has one. */
    public static Optional<BigDecimal> expected(String input) {
        Matcher m = EXPRESSION.matcher(input);
        if (!m.find()) {
            return Optional.empty();
        }
        BigDecimal a = new BigDecimal(m.group(1));
        BigDecimal b = new BigDecimal(m.group(3));
        return switch (m.group(2)) {
            case "+" -> Optional.of(a.add(b));
            case "-" -> Optional.of(a.subtract(b));
            case "*", "x", "×" -> Optional.of(a.multiply(b));
            default -> b.signum() == 0 ? Optional.empty() : Optional.of(a.divide(b, MathContext.DECIMAL64));
        };
    }

    public static Judgement judge(BigDecimal expected, String answer) {
        Matcher m = NUMBER.matcher(answer);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        if (last == null) {
            return Judgement.fail("arithmetic", "answer has no number; expected " + expected.toPlainString());
        }
        BigDecimal given = new BigDecimal(last.replace(',', '.'));
        if (given.compareTo(expected) == 0
                || given.subtract(expected).abs().compareTo(new BigDecimal("1E-9")) < 0) {
            return Judgement.pass("arithmetic", 1.0, "answer " + last + " equals the exact result");
        }
        return Judgement.fail("arithmetic", "answer " + last + " but the exact result is " + expected.toPlainString());
    }
}
