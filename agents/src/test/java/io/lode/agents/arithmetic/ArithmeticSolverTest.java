package io.lode.agents.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArithmeticSolverTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"what is 17 * 23?|391", "12.5 / 4|3.125", "2 + 2|4", "5 - 9|-4",
        "What is 2 + 3 * 4?|14", "(2 + 3) * 4|20", "-2 ^ 2|-4", "1 / 3|0.3333333333333333", "7 multiplied by 6|42",
        "1 / 0|division by zero is undefined"})
    void solvesTheWholeExpression(String question, String answer) {
        assertThat(new ArithmeticSolver().apply(question)).isEqualTo(answer);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"hello", "Summarise the 2019-2021 report", "1/2 cup of flour"})
    void declinesWhatIsNotArithmetic(String question) {
        assertThat(new ArithmeticSolver().apply(question)).isEqualTo(ArithmeticSolver.CANNOT);
    }
}
