package io.lode.agents.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArithmeticSolverTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"what is 17 * 23?|391", "12.5 / 4|3.125", "2 + 2|4", "5 - 9|-4",
        "1 / 0|division by zero is undefined", "hello|I can only solve questions like 'what is 17 * 23?'"})
    void solves(String question, String answer) {
        assertThat(new ArithmeticSolver().apply(question)).isEqualTo(answer);
    }
}
