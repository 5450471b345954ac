package io.lode.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * 300 seeded random expressions (200 trees, 100 chains without parentheses), each built as a tree whose value the test computes itself and printed with only
 * the parentheses precedence needs: the parser must read the printed text back to the tree's value, and the
 * answer check must accept that value and refuse a wrong one (off by one, or what a left-to-right reading gives).
 */
class GeneratedCorpusTest {

    private static final List<BigDecimal> DIVISORS = List.of("2", "4", "5", "8", "10", "16", "20", "25", "0.5")
            .stream().map(BigDecimal::new).toList();

    sealed interface Node {
        BigDecimal value();

        String text();

        int precedence();
    }

    record Leaf(BigDecimal number) implements Node {
        public BigDecimal value() {
            return number;
        }

        public String text() {
            return number.toPlainString();
        }

        public int precedence() {
            return 9;
        }
    }

    record Negated(Node operand) implements Node {
        public BigDecimal value() {
            return operand.value().negate();
        }

        public String text() {
            return "-" + (operand.precedence() >= 9 ? operand.text() : "(" + operand.text() + ")");
        }

        public int precedence() {
            return 3;
        }
    }

    record Binary(char op, Node left, Node right) implements Node {
        public BigDecimal value() {
            return switch (op) {
                case '+' -> left.value().add(right.value());
                case '-' -> left.value().subtract(right.value());
                case '*' -> left.value().multiply(right.value());
                default -> left.value().divide(right.value());
            };
        }

        public int precedence() {
            return op == '+' || op == '-' ? 1 : 2;
        }

        public String text() {
            String l = left.precedence() < precedence() ? "(" + left.text() + ")" : left.text();
            boolean rightNeeds = right.precedence() < precedence()
                    || right.precedence() == precedence() && (op == '-' || op == '/')
                    || right instanceof Negated;
            String r = rightNeeds ? "(" + right.text() + ")" : right.text();
            return l + " " + op + " " + r;
        }
    }

    static Node tree(SplittableRandom random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            BigDecimal number = random.nextInt(5) == 0
                    ? BigDecimal.valueOf(random.nextInt(1, 10_000), 2)
                    : BigDecimal.valueOf(random.nextInt(0, 1_000));
            return random.nextInt(8) == 0 ? new Negated(new Leaf(number)) : new Leaf(number);
        }
        char op = "+-*/".charAt(random.nextInt(4));
        if (op == '/') {
            return new Binary(op, tree(random, depth - 1), new Leaf(DIVISORS.get(random.nextInt(DIVISORS.size()))));
        }
        return new Binary(op, tree(random, depth - 1), tree(random, depth - 1));
    }

    /** "a op b op c …" with no parentheses: where precedence decides the value. */
    static Node chain(SplittableRandom random, int length) {
        Node node = new Leaf(BigDecimal.valueOf(random.nextInt(1, 100)));
        for (int i = 1; i < length; i++) {
            char op = "+-*".charAt(random.nextInt(3));
            Node operand = new Leaf(BigDecimal.valueOf(random.nextInt(1, 100)));
            node = op == '*' ? multiplyRightmost(node, operand) : new Binary(op, node, operand);
        }
        return node;
    }

    /** Appends "* operand" to a chain the way precedence groups it: onto its rightmost product. */
    private static Node multiplyRightmost(Node node, Node operand) {
        if (node instanceof Binary b && b.precedence() == 1) {
            return new Binary(b.op(), b.left(), multiplyRightmost(b.right(), operand));
        }
        return new Binary('*', node, operand);
    }

    static List<Node> corpus() {
        SplittableRandom random = new SplittableRandom(20261203L);
        List<Node> out = new ArrayList<>();
        while (out.size() < 200) {
            Node node = tree(random, 4);
            if (node instanceof Binary) {
                out.add(node);
            }
        }
        while (out.size() < 300) {
            out.add(chain(random, random.nextInt(3, 7)));
        }
        return out;
    }

    @Test
    void readsEveryPrintedTreeBackToItsValue() {
        for (Node node : corpus()) {
            assertThat(ArithmeticTask.read("What is " + node.text() + "?")).as(node.text()).hasValueSatisfying(task ->
                    assertThat(((Evaluation.Defined) task.evaluation()).value()).as(node.text())
                            .isEqualByComparingTo(node.value()));
        }
    }

    @Test
    void rightAnswersPassAndWrongOnesFail() {
        int leftToRightDiffers = 0;
        for (Node node : corpus()) {
            ArithmeticTask task = ArithmeticTask.read(node.text()).orElseThrow();
            String right = node.value().stripTrailingZeros().toPlainString();
            assertThat(AnswerCheck.check(task, right).right()).as(node.text() + " = " + right).isTrue();
            assertThat(AnswerCheck.check(task, node.text() + " = " + right).right()).isTrue();
            // Off by one, or by a billionth for values past 10^15 where an answer with decimals may carry
            // floating-point noise in its 16th digit (AnswerCheck's documented tolerance).
            BigDecimal off = node.value().abs().multiply(new BigDecimal("1E-9")).max(BigDecimal.ONE);
            String offByOne = node.value().add(off).toPlainString();
            assertThat(AnswerCheck.check(task, offByOne).right()).as(node.text() + " ≠ " + offByOne).isFalse();
            BigDecimal naive = leftToRight(node.text());
            if (naive != null && naive.compareTo(node.value()) != 0) {
                leftToRightDiffers++;
                assertThat(AnswerCheck.check(task, "The answer is " + naive.toPlainString()).right())
                        .as(node.text() + " read left to right").isFalse();
            }
        }
        assertThat(leftToRightDiffers).as("the corpus exercises precedence").isGreaterThan(50);
    }

    /** What a calculator that ignores precedence and parentheses would say, or null when it cannot say. */
    private static BigDecimal leftToRight(String text) {
        if (text.contains("(")) {
            return null;
        }
        String[] parts = text.split(" ");
        try {
            BigDecimal acc = new BigDecimal(parts[0]);
            for (int i = 1; i + 1 < parts.length; i += 2) {
                BigDecimal b = new BigDecimal(parts[i + 1]);
                acc = switch (parts[i]) {
                    case "+" -> acc.add(b);
                    case "-" -> acc.subtract(b);
                    case "*" -> acc.multiply(b);
                    default -> acc.divide(b);
                };
            }
            return acc;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }
}
