package io.lode.verifier.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.lode.agents.text.ExtractiveSummariser;
import io.lode.agents.text.KeywordExtractor;
import io.lode.events.Envelopes;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.Verdict;
import io.lode.verifier.challenge.Challenge;

class FamilyTaskCheckTest {

    private static final String TEXT = "Summarise this: Brasswick Mills is a family firm in Leeds that weaves wool "
            + "blankets. It was founded in 1921 by two sisters. Last winter Brasswick Mills sold 9,400 blankets to "
            + "hotels across the north. The firm now trains six apprentices a year. It plans to open a shop in York.";

    private final FamilyTaskCheck check = new FamilyTaskCheck();

    @Test
    void aSummaryThatSharesAlmostNothingWithItsTextFails() {
        for (String garbage : List.of("Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                "Summary unavailable.", "The answer is 42.")) {
            assertThat(check.judge(consumer(TEXT, garbage, Challenge.Checker.SUMMARY)))
                    .as(garbage).hasValueSatisfying(j -> {
                        assertThat(j.verdict()).isEqualTo(Verdict.FAIL);
                        assertThat(j.method()).isEqualTo("summary");
                    });
        }
    }

    @Test
    void aRealSummaryIsLeftToTheNextStrategy() {
        assertThat(check.judge(consumer(TEXT, new ExtractiveSummariser().apply(TEXT), Challenge.Checker.SUMMARY)))
                .isEmpty();
        assertThat(check.judge(consumer(TEXT, "Brasswick Mills, a Leeds family firm founded in 1921, weaves wool "
                + "blankets, sold 9,400 to hotels and plans a shop in York.", Challenge.Checker.SUMMARY))).isEmpty();
    }

    @Test
    void keywordsNoneOfWhichOccurInTheTextFail() {
        assertThat(check.judge(consumer(TEXT, "lorem, ipsum, dolor", Challenge.Checker.KEYWORDS)))
                .hasValueSatisfying(j -> assertThat(j.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(check.judge(consumer(TEXT, new KeywordExtractor().apply(TEXT), Challenge.Checker.KEYWORDS)))
                .isEmpty();
    }

    @Test
    void aClassificationNamingNoneOrSeveralOfTheOfferedLabelsFails() {
        String ticket = "Classify this support ticket as one of: billing, technical, other.\n\nMy card was charged twice.";
        assertThat(check.judge(consumer(ticket, "I think it is about payments", Challenge.Checker.CLASSIFICATION)))
                .hasValueSatisfying(j -> assertThat(j.evidence()).singleElement().asString().contains("none"));
        assertThat(check.judge(consumer(ticket, "billing or technical", Challenge.Checker.CLASSIFICATION)))
                .hasValueSatisfying(j -> assertThat(j.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(check.judge(consumer(ticket, "Billing.", Challenge.Checker.CLASSIFICATION))).isEmpty();
        String review = "What is the sentiment of this review: I love it";
        assertThat(check.judge(consumer(review, "Lorem ipsum dolor", Challenge.Checker.CLASSIFICATION)))
                .hasValueSatisfying(j -> assertThat(j.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(check.judge(consumer(review, "positive", Challenge.Checker.CLASSIFICATION))).isEmpty();
        assertThat(check.judge(consumer("Is this spam? Buy now", "yes", Challenge.Checker.CLASSIFICATION))).isEmpty();
    }

    @Test
    void workOfAnUnknownOrUncheckedFamilyIsNotItsBusiness() {
        assertThat(check.judge(new Submission(result(TEXT, "Lorem ipsum"), Optional.empty()))).isEmpty();
        assertThat(check.judge(consumer(TEXT, "Lorem ipsum", Challenge.Checker.LIVENESS))).isEmpty();
    }

    private static Submission consumer(String input, String output, Challenge.Checker family) {
        return new Submission(result(input, output), Optional.empty(), Optional.of(family), List.of(), Set.of());
    }

    private static AgentResultReceived result(String input, String output) {
        return AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setKind(TaskKind.CONSUMER).setAgentId("agt_1").setPrice(10).setInput(input)
                .setOutcome(CallOutcome.OK).setOutput(output).setLatencyMicros(1).setRequestDigest("00").build();
    }
}
