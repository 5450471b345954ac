package io.lode.verifier.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.lode.events.verdicts.Verdict;

class ArithmeticCheckTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "what is 17 * 23?|391", "What is 48 + 17?|65", "compute 10 / 4|2.5", "2 x 3|6", "5 - 9|-4"})
    void computesTheExpectedResult(String input, String expected) {
        assertThat(ArithmeticCheck.expected(input)).hasValueSatisfying(v ->
                assertThat(v).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @Test
    void hasNoExpectationForOtherText() {
        assertThat(ArithmeticCheck.expected("summarise this article")).isEmpty();
        assertThat(ArithmeticCheck.expected("what is 1 / 0")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"391|PASS", "17 * 23 = 391|PASS", "391.0|PASS", "392|FAIL",
        "I think 391 or maybe 392|FAIL", "no idea|FAIL"})
    void judgesTheLastNumberOfTheAnswer(String answer, Verdict verdict) {
        assertThat(ArithmeticCheck.judge(new BigDecimal(391), answer).verdict()).isEqualTo(verdict);
    }
}
