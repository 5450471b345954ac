package io.lode.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class PanelMedianTest {

    @Test
    void theMedianIsWeightedAndDoesNotDependOnTheOrderOfTheVotes() {
        List<PanelMedian.Vote> votes = List.of(new PanelMedian.Vote("a", 0.1, 1.0), new PanelMedian.Vote("b", 0.9, 1.0),
                new PanelMedian.Vote("c", 0.8, 3.0));
        assertThat(PanelMedian.of(votes)).isEqualTo(0.8);
        assertThat(PanelMedian.of(List.of(votes.get(2), votes.get(0), votes.get(1)))).isEqualTo(0.8);
        assertThat(PanelMedian.verdictOf(0.8)).isEqualTo("PASS");
        assertThat(PanelMedian.verdictOf(0.5)).isEqualTo("INCONCLUSIVE");
        assertThat(PanelMedian.verdictOf(0.4)).isEqualTo("FAIL");
    }

    @Test
    void theJudgesPaidAreThoseWithWeightNearTheMedian() {
        List<PanelMedian.Vote> votes = List.of(new PanelMedian.Vote("near", 0.9, 1.0),
                new PanelMedian.Vote("just-near", 1.0, 1.0), new PanelMedian.Vote("median", 0.8, 1.0),
                new PanelMedian.Vote("far", 0.1, 1.0), new PanelMedian.Vote("weightless", 0.8, 0.0),
                new PanelMedian.Vote("just-far", 0.55, 1.0));
        assertThat(PanelMedian.of(votes)).isEqualTo(0.8);
        assertThat(PanelMedian.agreeing(votes)).containsExactly("near", "just-near", "median");
        assertThat(PanelMedian.agreeing(List.of())).isEmpty();
    }
}
