package io.lode.verifier.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.arithmetic.AnswerCheck;
import io.lode.arithmetic.ArithmeticTask;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.ReviewContract;
import io.lode.identity.StrictJson;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.review.GoldKind;
import io.lode.verifier.review.ReviewRequest;

/**
 * Gold reviews tell judges apart: one that computes the reference answer gets every gold right; one that scores
 * everything 0.7 gets every right answer right and every corruption wrong; golds made from a passed answer are
 * right for a judge that compares with it exactly. A judge reply is read strictly (data part or last-line SCORE).
 */
class ReviewGoldsTest {

    private final ChallengeFamily golds = ChallengeBank.family(Challenge.Checker.REVIEW);

    @Test
    void aReferenceJudgeGetsEveryArithmeticGoldRightAndALazyOneMissesEveryCorruption() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        Map<GoldKind, Integer> kinds = new EnumMap<>(GoldKind.class);
        for (int i = 0; i < 600; i++) {
            Challenge gold = golds.generate("review-math", random);
            GoldKind kind = GoldKind.valueOf(gold.expected());
            kinds.merge(kind, 1, Integer::sum);
            JsonNode data = StrictJson.read(gold.data());
            assertThat(data.path("lode").asText()).isEqualTo(ReviewContract.DATA);
            assertThat(gold.input()).contains(data.path("task").asText()).contains(data.path("answer").asText());

            assertThat(verdict(gold, reference())).as(kind + ": " + data).isEqualTo(Verdict.PASS);
            assertThat(verdict(gold, d -> 0.7)).as(kind + ": " + data)
                    .isEqualTo(kind.good() ? Verdict.PASS : Verdict.FAIL);
        }
        // Half right answers, and every corruption sent (BOTH_ORDERS needs a two-part answer: simulated only).
        assertThat(kinds.get(GoldKind.RIGHT)).isBetween(250, 350);
        assertThat(kinds.keySet()).containsAll(List.of(GoldKind.WRONG, GoldKind.OTHER_TASK, GoldKind.TRUNCATED,
                GoldKind.NUMBERS_CHANGED, GoldKind.PADDED, GoldKind.INJECTED));
    }

    @Test
    void goldsMadeFromPassedAnswersAreRightOnlyForTheAnswerItself() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        ReviewRequest.Skill skill = new ReviewRequest.Skill("rot13", "ROT13", "ROT13 of a text");
        List<ReviewGolds.Source> sources = List.of(
                new ReviewGolds.Source("Encode with ROT13: attack at dawn 7", "nggnpx ng qnja 7", skill),
                new ReviewGolds.Source("Encode with ROT13: quiet river", "dhvrg evire", skill),
                new ReviewGolds.Source("Encode with ROT13: copper lantern", "pbccre ynagrea", skill));
        for (int i = 0; i < 300; i++) {
            ReviewGolds.Source source = sources.get(i % 3);
            Challenge gold = ReviewGolds.fromSource("review-rot13", source, sources, random);
            GoldKind kind = GoldKind.valueOf(gold.expected());
            JsonNode data = StrictJson.read(gold.data());
            assertThat(data.path("answer").asText().strip().equals(source.answer())).as(kind + ": " + data)
                    .isEqualTo(kind.good());
            ToDoubleFunction<JsonNode> exact = d -> d.path("answer").asText().strip().equals(source.answer()) ? 1 : 0;
            assertThat(verdict(gold, exact)).isEqualTo(Verdict.PASS);
        }
    }

    @Test
    void aJudgeReplyIsReadFromItsLastLineOnly() {
        Challenge gold = golds.generate("review-math", new SplittableRandom(1));
        assertThat(golds.check(gold, "I could not decide").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(golds.check(gold, "SCORE: 10\nbut on reflection I will not say").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(golds.check(gold, "{\"score\": 7}").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(golds.check(gold, "{\"score\": 7}").evidence().get(0)).contains("no readable score");
    }

    /** A judge's reply as the orchestrator records it: the reason, the SCORE line, then the data part's JSON. */
    private Verdict verdict(Challenge gold, ToDoubleFunction<JsonNode> judge) throws Exception {
        double score = judge.applyAsDouble(StrictJson.read(gold.data()));
        String reply = "my reason\nSCORE: " + String.format(Locale.ROOT, "%.1f", score * 10) + "\n{\"score\":" + score
                + ",\"reason\":\"my reason\"}";
        Judgement judgement = golds.check(gold, reply);
        return judgement.verdict();
    }

    private static ToDoubleFunction<JsonNode> reference() {
        return data -> ArithmeticTask.read(data.path("task").asText())
                .map(task -> AnswerCheck.check(task, data.path("answer").asText()).right() ? 1.0 : 0.0)
                .orElseThrow();
    }
}
