package io.lode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark itself must be right before its numbers mean anything; this checks it on a small index. */
class SearchBenchTest {

    @Test
    void ranksTheArithmeticAgentFirstAndReportsEveryQuery() {
        SearchBench.Result result = new SearchBench().run(300, 40, 5, 7);
        assertThat(result.topForArithmetic()).isEqualTo("agt_arithmetic");
        assertThat(result.total().getTotalCount()).isEqualTo(40);
        assertThat(result.total().getMaxValue()).isGreaterThanOrEqualTo(result.rank().getMaxValue());
        assertThat(SearchBench.markdown(result)).contains("| rank all agents |").contains("(correct)");
    }
}
