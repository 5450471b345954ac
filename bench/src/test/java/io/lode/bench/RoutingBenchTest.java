package io.lode.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The routing benchmark must route right before its numbers mean anything; this checks it on a few agents. */
class RoutingBenchTest {

    @Test
    void routesTheArithmeticTaskToTheArithmeticAgentAndReportsEveryPart() throws Exception {
        System.setProperty("lode.repo.root", "..");
        // enough agents for the sign-code first pass (more than SkillIndex.EXACT_UP_TO skill vectors)
        RoutingBench.Result result = new RoutingBench().run(2_500, 40, 5, 2, 7);
        assertThat(result.topForArithmetic()).isEqualTo("agt_arithmetic");
        assertThat(result.rank().getTotalCount()).isEqualTo(40);
        assertThat(result.exact().getTotalCount()).isEqualTo(40);
        assertThat(result.embed().getTotalCount()).isEqualTo(40);
        assertThat(result.reload().getTotalCount()).isEqualTo(2);
        assertThat(result.sameFirst()).isGreaterThanOrEqualTo(36);
        // where the first pass chose otherwise, it chose an agent nearly as good (0.05 among 10,000 when measured)
        assertThat(result.maxShortfall()).isLessThan(0.1);
        assertThat(RoutingBench.markdown(result)).contains("| routing: sign-code first pass").contains("(correct)");
    }
}
