package io.lode.verifier.challenge;

import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.arithmetic.ArithmeticTask;
import io.lode.verifier.judging.ArithmeticCheck;
import io.lode.verifier.judging.Judgement;

/**
 * "What is 417 + 86 * 3?": a whole expression — one operator, two with precedence, or parentheses — checked by
 * {@link ArithmeticCheck} against the value the parser computes, so a calculator that reads only "a op b" fails.
 */
final class ArithmeticChallenges implements ChallengeFamily {

    private static final List<String> TERMS = List.of("arithmetic", "math", "calculat", "addition", "multiplication",
            "algebra");
    private static final List<String> PHRASINGS = List.of("What is %s?", "Compute %s.", "Please calculate %s",
            "%s = ?", "Evaluate %s", "%s");
    private static final String OPERATORS = "+-*";

    @Override
    public Challenge.Checker checker() {
        return Challenge.Checker.ARITHMETIC;
    }

    @Override
    public List<String> terms() {
        return TERMS;
    }

    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        long a = random.nextLong(2, 10_000);
        long b = random.nextLong(2, 1_000);
        long c = random.nextLong(2, 100);
        char first = OPERATORS.charAt(random.nextInt(3));
        char second = OPERATORS.charAt(random.nextInt(3));
        String expression = switch (random.nextInt(3)) {
            case 0 -> a + " " + first + " " + b;
            case 1 -> a + " " + first + " " + b + " " + second + " " + c;
            default -> "(" + a + " " + first + " " + b + ") " + second + " " + c;
        };
        String input = String.format(Words.pick(random, PHRASINGS), expression);
        ArithmeticTask task = ArithmeticTask.read(input).orElseThrow();
        return new Challenge(skillId, input, checker(), task.evaluation().display());
    }

    @Override
    public Judgement check(Challenge challenge, String answer) {
        return ArithmeticTask.read(challenge.input())
                .map(task -> ArithmeticCheck.judge(task, answer))
                .orElseThrow(() -> new IllegalStateException("an arithmetic challenge that is not arithmetic: "
                        + challenge.input()));
    }
}
