package io.lode.verifier.challenge;

import java.math.BigDecimal;
import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.verifier.judging.ArithmeticCheck;
import io.lode.verifier.judging.Judgement;

/** "What is 417 * 86?": an exact answer, checked by {@link ArithmeticCheck}. */
final class ArithmeticChallenges implements ChallengeFamily {

    private static final List<String> WORDS = List.of("math", "arithmetic", "calculat", "number", "multipl", "addition");
    private static final List<String> PHRASINGS = List.of("What is %d %s %d?", "Compute %d %s %d.",
            "Please calculate %d %s %d", "%d %s %d = ?");

    @Override
    public Challenge.Checker checker() {
        return Challenge.Checker.ARITHMETIC;
    }

    @Override
    public boolean covers(String skillText) {
        return WORDS.stream().anyMatch(skillText::contains);
    }

    @Override
    public Challenge generate(String skillId, RandomGenerator random) {
        long a = random.nextLong(2, 10_000);
        long b = random.nextLong(2, 1_000);
        int op = random.nextInt(3);
        String symbol = op == 0 ? "*" : op == 1 ? "+" : "-";
        long result = op == 0 ? a * b : op == 1 ? a + b : a - b;
        String input = String.format(Words.pick(random, PHRASINGS), a, symbol, b);
        return new Challenge(skillId, input, checker(), Long.toString(result));
    }

    @Override
    public Judgement check(Challenge challenge, String answer) {
        return ArithmeticCheck.judge(new BigDecimal(challenge.expected()), answer);
    }
}
