package io.lode.kit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's work: the arithmetic expression in a task's text, evaluated exactly (numbers, + - * /, parentheses,
 * the usual precedence). Replace it with what your agent does.
 */
public final class Arithmetic {

    private static final Pattern EXPRESSION = Pattern.compile("[-(\\d][\\d\\s+\\-*/().]*");
    private static final Pattern TOKEN = Pattern.compile("\\d+(\\.\\d+)?|[-+*/()]");

    private Arithmetic() {
    }

    /** The answer to a task's text: the expression's value, or a sentence saying what this agent can do. */
    public static String answer(String text) {
        List<String> candidates = new ArrayList<>();
        Matcher found = EXPRESSION.matcher(text);
        while (found.find()) {
            String candidate = found.group().strip();
            if (candidate.chars().anyMatch(Character::isDigit)) {
                candidates.add(candidate);
            }
        }
        if (candidates.isEmpty()) {
            return "I can only do arithmetic: send an expression such as 12 * (7 + 3).";
        }
        String expression = candidates.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        try {
            return new Parser(expression).sum().stripTrailingZeros().toPlainString();
        } catch (ArithmeticException | IndexOutOfBoundsException | NumberFormatException e) {
            return "I cannot evaluate " + expression;
        }
    }

    private static final class Parser {
        private final List<String> tokens = new ArrayList<>();
        private int at;

        Parser(String expression) {
            Matcher token = TOKEN.matcher(expression);
            while (token.find()) {
                tokens.add(token.group());
            }
        }

        private String peek() {
            return at < tokens.size() ? tokens.get(at) : "";
        }

        BigDecimal sum() {
            BigDecimal value = product();
            while (peek().equals("+") || peek().equals("-")) {
                value = tokens.get(at++).equals("+") ? value.add(product()) : value.subtract(product());
            }
            return value;
        }

        private BigDecimal product() {
            BigDecimal value = factor();
            while (peek().equals("*") || peek().equals("/")) {
                value = tokens.get(at++).equals("*") ? value.multiply(factor())
                        : value.divide(factor(), MathContext.DECIMAL64);
            }
            return value;
        }

        private BigDecimal factor() {
            String token = tokens.get(at++);
            if (token.equals("(")) {
                BigDecimal inner = sum();
                at++; // ')'
                return inner;
            }
            return token.equals("-") ? factor().negate() : new BigDecimal(token);
        }
    }
}
