package io.lode.verifier.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.Verdict;
import io.lode.semantics.TextEmbedder;

class AgreementCheckTest {

    private static final AgreementCheck AGREEMENT = new AgreementCheck(new TextEmbedder()::embed, 0.75);

    @Test
    void structuredAnswersAgreeByValueAndTheMinorityFails() {
        assertThat(judge("42", "42.0", " 42 ")).satisfies(j -> {
            assertThat(j.verdict()).isEqualTo(Verdict.PASS);
            assertThat(j.score()).isEqualTo(1.0);
        });
        assertThat(judge("41", "42", "42.00").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judge("Positive.", "positive", "negative").verdict()).isEqualTo(Verdict.PASS);
        assertThat(judge("{\"a\":1,\"b\":2}", "{\"b\": 2, \"a\": 1}", "{\"a\":2}").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void freeTextAgreesByMeaningSoACheapAnswerIsOutvoted() {
        String summary = "Velotrin is a company in Lisbon that makes solar water pumps; it sold 4,200 units last year.";
        String paraphrase = "In short: Velotrin, based in Lisbon, builds solar water pumps and sold 4,200 units last year.";
        String cheap = "Summary unavailable.";
        assertThat(judge(summary, paraphrase, cheap).verdict()).isEqualTo(Verdict.PASS);
        assertThat(judge(paraphrase, summary, cheap).verdict()).isEqualTo(Verdict.PASS);
        Judgement outvoted = judge(cheap, summary, paraphrase);
        assertThat(outvoted.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outvoted.evidence()).anyMatch(e -> e.contains("a majority"));
    }

    @Test
    void withoutAMajorityNobodyPassesOrFails() {
        assertThat(judge("12", "13").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judge("red", "green", "blue").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aTaskWithoutPeersIsNotItsBusiness() {
        assertThat(AGREEMENT.judge(new Submission(result("42"), Optional.empty()))).isEmpty();
    }

    private static Judgement judge(String mine, String... others) {
        List<AgentResultReceived> peers = java.util.Arrays.stream(others).map(AgreementCheckTest::result).toList();
        return AGREEMENT.judge(new Submission(result(mine), Optional.empty(), peers)).orElseThrow();
    }

    private static AgentResultReceived result(String output) {
        return AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setKind(TaskKind.CONSUMER).setAgentId("agt_1").setPrice(1).setInput("q").setOutcome(CallOutcome.OK)
                .setOutput(output).setLatencyMicros(1).setRequestDigest("00").build();
    }
}
