package io.lode.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskRequestTest {

    @Test
    void aPlainQuestionIsValid() {
        assertThat(new TaskRequest("what is 17 * 23?", null, null, null, null).validate()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        TaskRequest bad = new TaskRequest("x".repeat(TaskRequest.MAX_INPUT_CHARS + 1), " ", -1L, 9, 10L);

        assertThat(bad.validate()).hasSize(5)
                .anyMatch(p -> p.startsWith("input has")).anyMatch(p -> p.startsWith("skill"))
                .anyMatch(p -> p.startsWith("maxPrice")).anyMatch(p -> p.startsWith("redundancy"))
                .anyMatch(p -> p.startsWith("deadlineMs"));
    }

    @Test
    void blankInputIsRefused() {
        assertThat(new TaskRequest("   ", null, null, null, null).validate()).containsExactly(
                "input is required and must not be blank");
    }
}
