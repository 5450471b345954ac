package io.lode.arithmetic;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A recursive-descent parser and exact evaluator over the tokens of {@link ArithmeticTask}:
 * <pre>
 *   sum     := product (('+' | '-') product)*
 *   product := signed (('*' | '/') signed)*
 *   signed  := ('-' | '+') signed | power
 *   power   := primary ('^' signed)?        right-associative, so 2^3^2 = 2^9 and -2^2 = -4
 *   primary := NUMBER | '(' sum ')'
 * </pre>
 * Every size is bounded so a hostile task cannot make the verifier compute for long: nesting depth, the
 * exponent, and the digits any intermediate value may hold. A task past a bound is simply not checked.
 */
final class Expression {

    static final int MAX_DEPTH = 32;
    static final int MAX_EXPONENT = 64;
    static final int MAX_DIGITS = 400;

    private final List<Token> tokens;
    private int next;
    private int depth;
    private int binaryOperators;

    private Expression(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The value of {@code tokens} when they are one whole expression with at least one operator; empty otherwise. */
    static Optional<Evaluation> evaluate(List<Token> tokens) {
        Expression expression = new Expression(tokens);
        try {
            Value value = expression.sum();
            if (expression.next != tokens.size() || expression.binaryOperators == 0) {
                return Optional.empty();
            }
            return Optional.of(value.evaluation());
        } catch (NotArithmetic e) {
            return Optional.empty();
        }
    }

    private Value sum() {
        Value left = product();
        while (peek(Token.Kind.PLUS) || peek(Token.Kind.MINUS)) {
            boolean plus = take().kind() == Token.Kind.PLUS;
            binaryOperators++;
            Value right = product();
            left = plus ? left.add(right) : left.add(right.negate());
        }
        return left;
    }

    private Value product() {
        Value left = signed();
        while (peek(Token.Kind.TIMES) || peek(Token.Kind.DIVIDE)) {
            boolean times = take().kind() == Token.Kind.TIMES;
            binaryOperators++;
            Value right = signed();
            left = times ? left.multiply(right) : left.divide(right);
        }
        return left;
    }

    private Value signed() {
        if (peek(Token.Kind.MINUS) || peek(Token.Kind.PLUS)) {
            boolean minus = take().kind() == Token.Kind.MINUS;
            Value operand = nested(this::signed);
            return minus ? operand.negate() : operand;
        }
        return power();
    }

    private Value power() {
        Value base = primary();
        if (peek(Token.Kind.POWER)) {
            take();
            binaryOperators++;
            return base.power(nested(this::signed));
        }
        return base;
    }

    private Value primary() {
        if (peek(Token.Kind.NUMBER)) {
            return Value.exact(new BigDecimal(take().text()));
        }
        if (peek(Token.Kind.OPEN)) {
            take();
            Value inner = nested(this::sum);
            if (!peek(Token.Kind.CLOSE)) {
                throw new NotArithmetic();
            }
            take();
            return inner;
        }
        throw new NotArithmetic();
    }

    private Value nested(java.util.function.Supplier<Value> rule) {
        if (++depth > MAX_DEPTH) {
            throw new NotArithmetic();
        }
        try {
            return rule.get();
        } finally {
            depth--;
        }
    }

    private boolean peek(Token.Kind kind) {
        return next < tokens.size() && tokens.get(next).kind() == kind;
    }

    private Token take() {
        return tokens.get(next++);
    }

    /** Not a well-formed expression, or past a bound: the task is not checked as arithmetic. */
    private static final class NotArithmetic extends RuntimeException {
        NotArithmetic() {
            super(null, null, false, false);
        }
    }

    /** An intermediate value: exact until a division that does not terminate; undefined after a division by zero. */
    private record Value(BigDecimal number, boolean exact, boolean undefined) {

        static Value exact(BigDecimal number) {
            return bounded(new Value(number, true, false));
        }

        static final Value UNDEFINED = new Value(BigDecimal.ZERO, true, true);

        Evaluation evaluation() {
            return undefined ? new Evaluation.Undefined("division by zero is undefined")
                    : new Evaluation.Defined(exact ? number : number.round(Evaluation.INEXACT), exact);
        }

        Value negate() {
            return undefined ? this : new Value(number.negate(), exact, false);
        }

        Value add(Value other) {
            return combine(other, number.add(other.number));
        }

        Value multiply(Value other) {
            return combine(other, number.multiply(other.number));
        }

        Value divide(Value other) {
            if (undefined || other.undefined || other.number.signum() == 0) {
                return UNDEFINED;
            }
            try {
                return combine(other, number.divide(other.number));
            } catch (ArithmeticException nonTerminating) {
                return bounded(new Value(number.divide(other.number, Evaluation.INEXACT), false, false));
            }
        }

        Value power(Value exponent) {
            if (undefined || exponent.undefined) {
                return UNDEFINED;
            }
            BigInteger whole;
            try {
                whole = exponent.number.toBigIntegerExact();
            } catch (ArithmeticException fractional) {
                throw new NotArithmetic();
            }
            if (whole.abs().compareTo(BigInteger.valueOf(MAX_EXPONENT)) > 0) {
                throw new NotArithmetic();
            }
            int n = whole.intValueExact();
            if ((long) number.precision() * Math.abs(n) > MAX_DIGITS) {
                throw new NotArithmetic();
            }
            Value raised = bounded(new Value(number.pow(Math.abs(n)), exact && exponent.exact, false));
            return n >= 0 ? raised : exact(BigDecimal.ONE).divide(raised);
        }

        private Value combine(Value other, BigDecimal result) {
            if (undefined || other.undefined) {
                return UNDEFINED;
            }
            return bounded(new Value(result, exact && other.exact, false));
        }

        private static Value bounded(Value value) {
            BigDecimal n = value.number;
            if (n.precision() > MAX_DIGITS || Math.abs(n.scale()) > MAX_DIGITS) {
                throw new NotArithmetic();
            }
            return value;
        }
    }
}
