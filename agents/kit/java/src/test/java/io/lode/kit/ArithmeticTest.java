package io.lode.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArithmeticTest {

    @Test
    void answersTheExpressionInTheTextWithPrecedenceAndParentheses() {
        assertThat(Arithmetic.answer("What is 17 * 23?")).isEqualTo("391");
        assertThat(Arithmetic.answer("Compute (120 - 4) * 3.")).isEqualTo("348");
        assertThat(Arithmetic.answer("Please calculate 9818 - 224 + 55")).isEqualTo("9649");
        assertThat(Arithmetic.answer("7346 * 524 - 51 = ?")).isEqualTo("3849253");
        assertThat(Arithmetic.answer("Evaluate 100 / 8")).isEqualTo("12.5");
        assertThat(Arithmetic.answer("hello")).startsWith("I can only do arithmetic");
        assertThat(Arithmetic.answer("1 / 0")).startsWith("I cannot evaluate");
    }
}
