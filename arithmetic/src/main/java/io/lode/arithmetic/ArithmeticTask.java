package io.lode.arithmetic;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task that is <em>entirely</em> arithmetic: one expression, with nothing around it but a few instruction
 * words ("what is", "compute", "please") and punctuation. "What is 2 + 3 * 4?" is one; "the 2019-2021 report",
 * "2024-01-02,2024-01-03", "1/2 cup of flour" and "[1-9]+" are not, because a word, symbol or shape that is
 * not arithmetic is left over. Checking only such tasks is what keeps a recipe or a regex agent from being
 * failed for a sum nobody asked for.
 */
public final class ArithmeticTask {

    /** Longer tasks are not read as arithmetic: nobody asks for a 2,000-character sum, and reading is bounded. */
    public static final int MAX_LENGTH = 1_000;
    static final int MAX_NUMBER_DIGITS = 100;

    /** Words that may surround an expression without making the task about something else. */
    private static final Set<String> INSTRUCTIONS = Set.of("what", "what's", "whats", "is", "compute", "calculate",
            "evaluate", "please", "the", "value", "of", "result", "solve", "equals", "equal", "to", "how", "much",
            "tell", "me", "give", "find", "answer", "work", "out", "exactly", "can", "you", "expression", "calc");

    private static final Pattern NUMBER = Pattern.compile("(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?|\\.\\d+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");

    private final String expression;
    private final Evaluation evaluation;

    private ArithmeticTask(String expression, Evaluation evaluation) {
        this.expression = expression;
        this.evaluation = evaluation;
    }

    /** The task read as arithmetic, when it is nothing else. */
    public static Optional<ArithmeticTask> read(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return tokens(normal).flatMap(tokens -> Expression.evaluate(tokens)
                .map(evaluation -> new ArithmeticTask(spelled(tokens), evaluation)));
    }

    /** The expression in a canonical spelling ("2 + 3 * 4"), for reasons and receipts. */
    public String expression() {
        return expression;
    }

    public Evaluation evaluation() {
        return evaluation;
    }

    /** The tokens of the expression, or empty when anything in the text is neither arithmetic nor an instruction. */
    private static Optional<List<Token>> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            Matcher number = NUMBER.matcher(text).region(i, text.length());
            Matcher word = WORD.matcher(text).region(i, text.length());
            if (Character.isWhitespace(c) || "?.,!:;=".indexOf(c) >= 0 && !number.lookingAt()) {
                i++;
            } else if (number.lookingAt()) {
                String digits = number.group().replace(",", "");
                // "07" is a date, a time or a code, not a quantity anyone adds up.
                if (digits.length() > MAX_NUMBER_DIGITS || digits.matches("0\\d.*")) {
                    return Optional.empty();
                }
                tokens.add(new Token(Token.Kind.NUMBER, digits.startsWith(".") ? "0" + digits : digits));
                i = number.end();
            } else if (word.lookingAt()) {
                String w = word.group();
                i = word.end();
                Optional<Token.Kind> operator = wordOperator(w, text, i);
                if (operator.isPresent()) {
                    tokens.add(Token.of(operator.get()));
                    if (w.equals("multiplied") || w.equals("divided")) {
                        i = text.indexOf("by", i) + 2;
                    }
                } else if (!INSTRUCTIONS.contains(w)) {
                    return Optional.empty();
                }
            } else {
                Optional<Token.Kind> symbol = symbol(text, i);
                if (symbol.isEmpty()) {
                    return Optional.empty();
                }
                tokens.add(Token.of(symbol.get()));
                i += text.startsWith("**", i) ? 2 : 1;
            }
        }
        return Optional.of(tokens);
    }

    private static Optional<Token.Kind> wordOperator(String word, String text, int after) {
        return switch (word) {
            case "plus" -> Optional.of(Token.Kind.PLUS);
            case "minus" -> Optional.of(Token.Kind.MINUS);
            case "times", "x" -> Optional.of(Token.Kind.TIMES);
            case "multiplied" -> followedByBy(text, after) ? Optional.of(Token.Kind.TIMES) : Optional.empty();
            case "divided" -> followedByBy(text, after) ? Optional.of(Token.Kind.DIVIDE) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean followedByBy(String text, int after) {
        return text.substring(after).matches("(?s)\\s+by\\b.*");
    }

    private static Optional<Token.Kind> symbol(String text, int i) {
        if (text.startsWith("**", i)) {
            return Optional.of(Token.Kind.POWER);
        }
        return switch (text.charAt(i)) {
            case '+' -> Optional.of(Token.Kind.PLUS);
            case '-', '\u2212' -> Optional.of(Token.Kind.MINUS);
            case '*', '\u00d7', '\u00b7', '\u22c5' -> Optional.of(Token.Kind.TIMES);
            case '/', '\u00f7', '\u2215' -> Optional.of(Token.Kind.DIVIDE);
            case '^' -> Optional.of(Token.Kind.POWER);
            case '(' -> Optional.of(Token.Kind.OPEN);
            case ')' -> Optional.of(Token.Kind.CLOSE);
            default -> Optional.empty();
        };
    }

    private static String spelled(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token t : tokens) {
            String s = switch (t.kind()) {
                case NUMBER -> t.text();
                case PLUS -> "+";
                case MINUS -> "-";
                case TIMES -> "*";
                case DIVIDE -> "/";
                case POWER -> "^";
                case OPEN -> "(";
                case CLOSE -> ")";
            };
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(s);
        }
        return out.toString().replace("( ", "(").replace(" )", ")");
    }
}
