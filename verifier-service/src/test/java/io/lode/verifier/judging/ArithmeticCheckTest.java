package io.lode.verifier.judging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.lode.arithmetic.ArithmeticTask;
import io.lode.events.Envelopes;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.Verdict;

class ArithmeticCheckTest {

    private final ArithmeticTaskCheck check = new ArithmeticTaskCheck();

    @ParameterizedTest(name = "{0} answered {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "what is 17 * 23?|391|PASS", "what is 17 * 23?|17 * 23 = 391|PASS", "what is 17 * 23?|392|FAIL",
        "2 + 3 * 4|14|PASS", "2 + 3 * 4|2 + 3 * 4 = 5|FAIL", "2 + 3 * 4|20|FAIL",
        "compute 10 / 4|2.5|PASS", "2 x 3|6|PASS", "5 - 9|-4|PASS", "(1 + 2) * -3|-9|PASS", "what is 1 / 0|0|FAIL",
        "what is 17 * 23?|I think 391 or maybe 392|FAIL", "what is 17 * 23?|no idea|FAIL"})
    void judgesConsumerTasksThatAreEntirelyArithmetic(String input, String answer, Verdict verdict) {
        assertThat(check.judge(submission(input, answer))).hasValueSatisfying(j -> {
            assertThat(j.verdict()).isEqualTo(verdict);
            String expression = ArithmeticTask.read(input).orElseThrow().expression();
            assertThat(j.evidence()).singleElement().asString().contains(expression);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Translate to French: the 2019-2021 report", "date,amount\n2024-01-02,3\n2024-01-03,4",
        "Mix 1/2 cup of flour with 2 eggs", "Explain the regex [1-9][0-9]*", "summarise this article"})
    void leavesOtherTasksToOtherChecks(String input) {
        assertThat(check.judge(submission(input, "anything"))).isEmpty();
    }

    private static Submission submission(String input, String output) {
        return new Submission(AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null))
                .setTaskId("tsk_1").setKind(TaskKind.CONSUMER).setAgentId("agt_1").setPrice(100).setInput(input)
                .setOutcome(CallOutcome.OK).setOutput(output).setLatencyMicros(1000).setRequestDigest("aa")
                .setResponseDigest("bb").build(), java.util.Optional.empty());
    }
}
