package io.lode.verifier.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.lode.events.verdicts.Verdict;

class PanelTest {

    private static final Panel.Worker WORKER = new Panel.Worker("agt_w", "owner-w", "pay-w", "10.0.0.9:80");

    @Test
    void theVerdictIsTheWeightMedian() {
        assertThat(Panel.weightedMedian(List.of(score("a", 0.9, 1), score("b", 0.2, 1), score("c", 0.8, 1))))
                .isEqualTo(0.8);
        assertThat(Panel.weightedMedian(List.of(score("a", 0.9, 0.1), score("b", 0.2, 1), score("c", 0.3, 1))))
                .isEqualTo(0.3);
        assertThat(Panel.first(List.of(score("a", 0.9, 1), score("b", 0.8, 1), score("c", 0.7, 1))))
                .hasValueSatisfying(d -> assertThat(d.verdict()).isEqualTo(Verdict.PASS));
        assertThat(Panel.first(List.of(score("a", 0.1, 1), score("b", 0.2, 1), score("c", 0.3, 1))))
                .hasValueSatisfying(d -> assertThat(d.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(Panel.first(List.of(score("a", 0.5, 1), score("b", 0.5, 1), score("c", 0.45, 1))))
                .hasValueSatisfying(d -> assertThat(d.verdict()).isEqualTo(Verdict.INCONCLUSIVE));
    }

    @Test
    void aWideSpreadCallsTwoMoreJudgesAndStillWideIsInconclusive() {
        assertThat(Panel.first(List.of(score("a", 1.0, 1), score("b", 1.0, 1), score("c", 0.2, 1)))).isEmpty();
        assertThat(Panel.escalated(List.of(score("a", 1.0, 1), score("b", 1.0, 1), score("c", 0.2, 1),
                score("d", 0.2, 1), score("e", 0.15, 1))).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Panel.escalated(List.of(score("a", 1.0, 1), score("b", 0.0, 1), score("c", 0.5, 1),
                score("d", 0.9, 1), score("e", 0.1, 1))).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void theDrawNeverPicksTheWorkerNorAJudgeSharingItsOwnerAccountOrEndpointNorAWeightlessOne() {
        List<Panel.Candidate> judges = List.of(candidate("agt_w", "o1", "p1", "e1", 1),
                candidate("j_owner", "owner-w", "p2", "e2", 1), candidate("j_pay", "o3", "pay-w", "e3", 1),
                candidate("j_end", "o4", "p4", "10.0.0.9:80", 1), candidate("j_new", "o5", "p5", "e5", 0),
                candidate("j_ok1", "o6", "p6", "e6", 1), candidate("j_ok2", "o7", "p7", "e7", 0.5));
        for (long seed = 0; seed < 200; seed++) {
            assertThat(Panel.draw(judges, WORKER, 3, List.of(), new SplittableRandom(seed)))
                    .extracting(Panel.Candidate::judgeId).containsExactlyInAnyOrder("j_ok1", "j_ok2");
        }
    }

    @Test
    void theDrawReplaysFromTheEpochSeedAndTheTaskId() {
        List<Panel.Candidate> judges = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> candidate("j" + i, "o" + i, "p" + i, "e" + i, 0.5 + i / 60.0)).toList();
        List<Panel.Candidate> once = Panel.draw(judges, WORKER, 3, List.of(),
                new SplittableRandom(Panel.seed(42, "tsk_1")));
        assertThat(Panel.draw(judges, WORKER, 3, List.of(), new SplittableRandom(Panel.seed(42, "tsk_1"))))
                .isEqualTo(once);
        assertThat(once).hasSize(3).doesNotHaveDuplicates();
        assertThat(Panel.seed(42, "tsk_1")).isNotEqualTo(Panel.seed(42, "tsk_2")).isNotEqualTo(Panel.seed(43, "tsk_1"));
    }

    private static Panel.Score score(String judge, double score, double weight) {
        return new Panel.Score(judge, score, weight);
    }

    private static Panel.Candidate candidate(String id, String owner, String payout, String endpoint, double weight) {
        return new Panel.Candidate(id, weight, owner, payout, endpoint);
    }
}
