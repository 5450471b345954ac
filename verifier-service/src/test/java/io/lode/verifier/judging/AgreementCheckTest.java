package io.lode.verifier.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
        assertThat(outvoted.evidence()).anyMatch(e -> e.contains("agree on another answer"));
    }

    @Test
    void withoutAMajorityNobodyPassesOrFails() {
        assertThat(judge("12", "13").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(judge("red", "green", "blue").verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void agentsWithoutCheckedReputationDoNotCount() {
        // three fresh keys (one endpoint, one owner) answering the same nonsense: nobody is checked, nobody passes
        Judgement sybil = judgeAmong(Set.of(), "The answer is 42.", "The answer is 42.", "The answer is 42.");
        assertThat(sybil.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(sybil.evidence()).anyMatch(e -> e.contains("checked reputation"));
        // the same trio beside one checked agent: the checked agent's one voice cannot condemn or be out-voted
        assertThat(judgeAmong(Set.of("agt_3"), "42", "42", "42", "a haiku about autumn").verdict())
                .isEqualTo(Verdict.INCONCLUSIVE);
        // a fresh agent agreeing with checked ones passes; disagreeing with two checked ones that agree, fails
        assertThat(judgeAmong(Set.of("agt_1", "agt_2"), "42", "42", "42.0").verdict()).isEqualTo(Verdict.PASS);
        Judgement outvoted = judgeAmong(Set.of("agt_1", "agt_2"), "41", "42", "42.0", "41", "41");
        assertThat(outvoted.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outvoted.evidence()).anyMatch(e -> e.contains("2 unchecked not counted"));
        // one checked agent agreeing is enough to pass, when no checked agent disagrees
        assertThat(judgeAmong(Set.of("agt_1"), "42", "42", "17").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void anAgentCannotVoteForItself() {
        AgentResultReceived mine = result("agt_0", "42");
        Judgement self = AGREEMENT.judge(new Submission(mine, Optional.empty(), Optional.empty(), List.of(result("agt_0", "42")),
                Set.of("agt_0"))).orElseThrow();
        assertThat(self.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void aTaskWithoutPeersIsNotItsBusiness() {
        assertThat(AGREEMENT.judge(new Submission(result("42"), Optional.empty()))).isEmpty();
    }

    /** {@code mine} from agt_0 and each other answer from agt_1, agt_2, …, every agent checked. */
    private static Judgement judge(String mine, String... others) {
        Set<String> everyone = IntStream.rangeClosed(0, others.length).mapToObj(i -> "agt_" + i)
                .collect(Collectors.toSet());
        return judgeAmong(everyone, mine, others);
    }

    private static Judgement judgeAmong(Set<String> checked, String mine, String... others) {
        List<AgentResultReceived> peers = IntStream.range(0, others.length)
                .mapToObj(i -> result("agt_" + (i + 1), others[i])).toList();
        return AGREEMENT.judge(new Submission(result("agt_0", mine), Optional.empty(), Optional.empty(), peers, checked)).orElseThrow();
    }

    private static AgentResultReceived result(String output) {
        return result("agt_0", output);
    }

    private static AgentResultReceived result(String agentId, String output) {
        return AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setKind(TaskKind.CONSUMER).setAgentId(agentId).setPrice(1).setInput("q").setOutcome(CallOutcome.OK)
                .setOutput(output).setLatencyMicros(1).setRequestDigest("00").build();
    }
}
