package io.lode.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerCheckTest {

    @ParameterizedTest(name = "{0} answered \"{1}\" is {2}")
    @CsvSource(delimiter = '|', value = {
            "2 + 3 * 4 | 14 | true",
            "2 + 3 * 4 | 2 + 3 * 4 = 14 | true",
            "2 + 3 * 4 | 2 + 3 * 4 = 5 | false",
            "2 + 3 * 4 | 20 | false",
            "2 + 3 * 4 | The answer is 14. | true",
            "2 + 3 * 4 | **14** | true",
            "2 + 3 * 4 | 14.0 | true",
            "2 + 3 * 4 | '14\n\nBecause 3 * 4 = 12, and 12 + 2 = 14' | true",
            "2 + 3 * 4 | I cannot do maths | false",
            "123456789 * 987654321 | 121932631112635270 | false",
            "123456789 * 987654321 | 121932631112635269 | true",
            "2 + 3 * 4 | 13.99999 | false",
            "2 + 3 * 4 | 14.000001 | false",
            "1000 * 1234 | 1,234,000 | true",
            "5 - 8 | -3 | true",
            "5 - 8 | \u22123 | true",
            "5 - 8 | 3 | false",
            "5 - 8 | 5-8=-3 | true",
            "1 / 3 | 0.3333333333333333 | true",
            "1 / 3 | 0.333333 | true",
            "1 / 3 | 0.33 | false",
            "1 / 3 | 0.333334 | false",
            "2 / 3 | 0.666667 | true",
            "2 / 3 | 0.666666 | true",
            "2 / 3 | 0.6666666666666666 | true",
            "0.1 + 0.2 | 0.30000000000000004 | true",
            "0.1 + 0.2 | 0.31 | false",
            "1 / 1024 | 0.0009765625 | true",
            "1 / 1024 | 0.000977 | false",
            "2 ^ 10 | 1.024e3 | true",
            "1 / 0 | division by zero is undefined | true",
            "1 / 0 | 0 | false",
            "1 / 0 | Infinity | true"
    })
    void judgesTheNumberTheAnswerGives(String task, String answer, boolean right) {
        String unescaped = answer.replace("\\n", "\n");
        ArithmeticTask read = ArithmeticTask.read(task).orElseThrow();
        AnswerCheck.Outcome outcome = AnswerCheck.check(read, unescaped);
        assertThat(outcome.right()).as(outcome.reason()).isEqualTo(right);
        assertThat(outcome.reason()).contains(read.expression());
    }
}
