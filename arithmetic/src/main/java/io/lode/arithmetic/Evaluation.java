package io.lode.arithmetic;

import java.math.BigDecimal;
import java.math.MathContext;

/** What an arithmetic expression is worth: a number (exact, or rounded when a division does not terminate) or undefined. */
public sealed interface Evaluation {

    /** Significant digits kept for a division that does not terminate (1 / 3). */
    MathContext INEXACT = new MathContext(40);

    /** The answer a calculator should give: every digit when exact, 16 significant digits otherwise. */
    String display();

    record Defined(BigDecimal value, boolean exact) implements Evaluation {
        @Override
        public String display() {
            BigDecimal shown = exact ? value : value.round(new MathContext(16));
            return shown.signum() == 0 ? "0" : shown.stripTrailingZeros().toPlainString();
        }
    }

    /** Division by zero: there is no number to give. */
    record Undefined(String reason) implements Evaluation {
        @Override
        public String display() {
            return reason;
        }
    }
}
