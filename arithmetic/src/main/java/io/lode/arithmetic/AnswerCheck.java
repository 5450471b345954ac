package io.lode.arithmetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether an answer gives the value of an arithmetic task. The number an answer gives is, in this order: the
 * whole answer when it is a number ("14", "**14**", "14."); its first line when that is a number; the first number
 * after its last "=" ("2 + 3 * 4 = 14"); else its last number ("The answer is 14"). So "2 + 3 * 4 = 5" gives 5,
 * not 4 or 14.
 * <p>
 * A right number is the exact value, or the value rounded (half-up, half-even or truncated) to the answer's
 * own decimals when the exact value has more of them and the answer keeps at least {@value #MIN_ROUNDED_DIGITS}
 * significant digits ("0.333333" for 1 / 3, not "0.3"), or, for an answer with decimals, within one part in 10^15 of it
 * (binary floating point: 0.1 + 0.2 answered 0.30000000000000004). A whole-number answer to a whole-number value
 * must be exact.
 */
public final class AnswerCheck {

    static final int MIN_ROUNDED_DIGITS = 6;
    private static final BigDecimal FLOATING_POINT_NOISE = new BigDecimal("1E-15");
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\d.])[-\u2212]?(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?(?:e[-+]?\\d{1,3})?");
    private static final Pattern WHOLE = Pattern.compile("[*_`\\s]*(" + NUMBER.pattern() + ")[*_`\\s.]*");
    private static final Pattern UNDEFINED = Pattern.compile("undefined|not defined|division by zero"
            + "|divide by zero|cannot divide|infinit|\u221e|\\bnan\\b");

    private AnswerCheck() {
    }

    /** The outcome of one check: right or wrong, and a reason a developer can act on. */
    public record Outcome(boolean right, String reason) {
    }

    public static Outcome check(ArithmeticTask task, String answer) {
        String normal = Normalizer.normalize(answer == null ? "" : answer, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        String shown = task.expression();
        if (task.evaluation() instanceof Evaluation.Undefined undefined) {
            return UNDEFINED.matcher(normal).find()
                    ? new Outcome(true, "answer says " + shown + " is undefined")
                    : new Outcome(false, shown + ": " + undefined.reason() + ", but the answer gives a value");
        }
        Evaluation.Defined expected = (Evaluation.Defined) task.evaluation();
        String exact = (expected.exact() ? "" : "≈ ") + expected.display();
        Optional<String> given = given(normal);
        if (given.isEmpty()) {
            return new Outcome(false, "answer has no number; " + shown + " = " + exact);
        }
        BigDecimal value = new BigDecimal(given.get().replace(",", "").replace('\u2212', '-'));
        return right(expected, value)
                ? new Outcome(true, "answer " + given.get() + " is " + shown + " = " + exact)
                : new Outcome(false, "answer " + given.get() + " but " + shown + " = " + exact);
    }

    static Optional<String> given(String answer) {
        Matcher whole = WHOLE.matcher(answer);
        if (whole.matches()) {
            return Optional.of(whole.group(1));
        }
        int newline = answer.indexOf('\n');
        if (newline > 0) {
            Matcher firstLine = WHOLE.matcher(answer.substring(0, newline));
            if (firstLine.matches()) {
                return Optional.of(firstLine.group(1));
            }
        }
        int equals = answer.lastIndexOf('=');
        if (equals >= 0) {
            Matcher after = NUMBER.matcher(answer).region(equals + 1, answer.length());
            if (after.find()) {
                return Optional.of(after.group());
            }
        }
        Matcher any = NUMBER.matcher(answer);
        String last = null;
        while (any.find()) {
            last = any.group();
        }
        return Optional.ofNullable(last);
    }

    private static boolean right(Evaluation.Defined expected, BigDecimal given) {
        BigDecimal value = expected.value();
        if (given.compareTo(value) == 0) {
            return true;
        }
        BigDecimal error = given.subtract(value).abs();
        boolean fractional = given.stripTrailingZeros().scale() > 0;
        if (fractional && value.signum() != 0
                && error.compareTo(value.abs().multiply(FLOATING_POINT_NOISE)) <= 0) {
            return true;
        }
        int decimals = Math.max(given.scale(), 0);
        boolean rounded = value.stripTrailingZeros().scale() > decimals || !expected.exact();
        if (!rounded || given.stripTrailingZeros().precision() < MIN_ROUNDED_DIGITS) {
            return false;
        }
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN}) {
            if (value.setScale(decimals, mode).compareTo(given) == 0) {
                return true;
            }
        }
        return false;
    }
}
