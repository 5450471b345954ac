package io.lode.arithmetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArithmeticTaskTest {

    record Case(String task, BigDecimal value, boolean exact) {
        @Override
        public String toString() {
            return task;
        }
    }

    static List<Case> handwritten() throws IOException {
        try (InputStream in = ArithmeticTaskTest.class.getResourceAsStream("/expressions.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t"))
                    .map(f -> new Case(f[0], new BigDecimal(f[1].replace("≈", "")), !f[1].startsWith("≈")))
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("handwritten")
    void evaluatesTheWholeExpression(Case c) {
        assertThat(ArithmeticTask.read(c.task())).hasValueSatisfying(task -> {
            Evaluation.Defined value = (Evaluation.Defined) task.evaluation();
            assertThat(value.value()).as(task.expression()).isEqualByComparingTo(c.value());
            assertThat(value.exact()).isEqualTo(c.exact());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Summarise the 2019-2021 report",
            "date,value\n2024-01-02,3\n2024-01-03,4",
            "2024-01-02",
            "2024-01-02,2024-01-03",
            "Add 1/2 cup of flour",
            "1/2 cup",
            "[1-9]+",
            "Write a regex for [0-9]{3}-[0-9]{4}",
            "Translate to French: 2 + 2 equals four",
            "Explain why 1 + 1 = 2",
            "42",
            "what is 42?",
            "2 + ",
            "(2 + 3",
            "2 + 3)",
            "2 3 + 4",
            "2(3 + 4)",
            "2,5 + 1",
            "x = 2 + 3",
            "5% of 200",
            "$5 + $3",
            "0x1F + 1",
            "3 * 4 kg",
            "The meeting is at 10:30 - 11:15",
            "version 1.2.3 - 1.2.4",
            "2 ^ 0.5",
            "2 ^ 1000",
            "hello"
    })
    void readsNothingThatIsNotEntirelyArithmetic(String text) {
        assertThat(ArithmeticTask.read(text)).isEmpty();
    }

    @Test
    void divisionByZeroIsUndefinedNotAnError() {
        assertThat(ArithmeticTask.read("what is 1 / 0?")).hasValueSatisfying(task ->
                assertThat(task.evaluation()).isInstanceOf(Evaluation.Undefined.class));
        assertThat(ArithmeticTask.read("(1 - 1) ^ -1")).hasValueSatisfying(task ->
                assertThat(task.evaluation()).isInstanceOf(Evaluation.Undefined.class));
    }

    @Test
    void boundsWhatAHostileTaskCanMakeItCompute() {
        assertThat(ArithmeticTask.read("(".repeat(40) + "1" + ")".repeat(40) + " + 1")).isEmpty();
        assertThat(ArithmeticTask.read("9".repeat(101) + " + 1")).isEmpty();
        assertThat(ArithmeticTask.read("1 + " + "1 + ".repeat(300) + "1")).isEmpty();
        assertThat(ArithmeticTask.read("9".repeat(99) + " ^ 64")).isEmpty();
        String many = "99999999999999999999 * ".repeat(30) + "9";
        assertThat(ArithmeticTask.read(many)).isEmpty();
    }

    @Test
    void spellsTheExpressionCanonically() {
        assertThat(ArithmeticTask.read("What's 6 times (7 minus 1)?").map(ArithmeticTask::expression))
                .hasValue("6 * (7 - 1)");
    }

    @Test
    void displaysLikeACalculator() {
        assertThat(ArithmeticTask.read("1 / 3").map(t -> t.evaluation().display())).hasValue("0.3333333333333333");
        assertThat(ArithmeticTask.read("12.5 / 4").map(t -> t.evaluation().display())).hasValue("3.125");
        assertThat(ArithmeticTask.read("2.5 * 4").map(t -> t.evaluation().display())).hasValue("10");
        assertThat(ArithmeticTask.read("5 - 5.0").map(t -> t.evaluation().display())).hasValue("0");
    }
}
