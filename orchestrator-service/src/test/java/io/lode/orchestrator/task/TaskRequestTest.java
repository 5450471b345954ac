package io.lode.orchestrator.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
    void inputThatShowsNothingIsRefused() {
        for (String invisible : new String[] {"   ", "\u200B", "\u200B \u2060\uFEFF", "\u3164", "\t\n"}) {
            assertThat(new TaskRequest(invisible, null, null, null, null).validate()).as(invisible).containsExactly(
                    "input is required and must show something (not only spaces or zero-width characters)");
        }
        assertThat(new TaskRequest("\u200Bwhat is 2 + 2?", null, null, null, null).validate()).isEmpty();
    }

    @Test
    void aPriceThatWouldOverflowTheEscrowIsRefused() {
        assertThat(new TaskRequest("q", null, 1L << 62, 2, null).validate()).singleElement().asString()
                .startsWith("maxPrice must be a positive number of micro-units, at most");
        assertThat(new TaskRequest("q", null, TaskRequest.MAX_PRICE, TaskRequest.MAX_REDUNDANCY, null).validate())
                .isEmpty();
    }

    @Test
    void excludedAgentsMustBeFewDistinctAgentIds() {
        String agent = "agt_" + "0123456789abcdef".repeat(2);
        assertThat(new TaskRequest("q", null, null, null, null, List.of(agent)).validate()).isEmpty();
        assertThat(new TaskRequest("q", null, null, null, null, null).excludeAgents()).isEmpty();
        assertThat(new TaskRequest("q", null, null, null, null, List.of("agt_nothex")).validate()).singleElement()
                .asString().startsWith("excludeAgents must hold agent ids");
        assertThat(new TaskRequest("q", null, null, null, null, List.of(agent, agent)).validate())
                .containsExactly("excludeAgents names an agent twice");
        List<String> many = java.util.stream.IntStream.rangeClosed(0, TaskRequest.MAX_EXCLUDED_AGENTS)
                .mapToObj(i -> String.format("agt_%032x", i)).toList();
        assertThat(new TaskRequest("q", null, null, null, null, many).validate()).singleElement().asString()
                .isEqualTo("excludeAgents names 17 agents; the limit is 16");
    }

    @Test
    void theSameRequestWithOtherExclusionsIsAnotherRequest() {
        String a = String.format("agt_%032x", 1);
        String b = String.format("agt_%032x", 2);
        String plain = IdempotencyKeys.fingerprint(new TaskRequest("q", null, null, null, null));
        assertThat(IdempotencyKeys.fingerprint(new TaskRequest("q", null, null, null, null, List.of()))).isEqualTo(plain);
        assertThat(IdempotencyKeys.fingerprint(new TaskRequest("q", null, null, null, null, List.of(a))))
                .isNotEqualTo(plain);
        assertThat(IdempotencyKeys.fingerprint(new TaskRequest("q", null, null, null, null, List.of(a, b))))
                .isEqualTo(IdempotencyKeys.fingerprint(new TaskRequest("q", null, null, null, null, List.of(b, a))));
    }
}
