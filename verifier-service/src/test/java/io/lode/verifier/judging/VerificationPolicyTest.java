package io.lode.verifier.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.lode.agents.arithmetic.ArithmeticSolver;
import io.lode.agents.misbehaving.ConstantAnswer;
import io.lode.agents.text.ExtractiveSummariser;
import io.lode.agents.text.KeywordExtractor;
import io.lode.agents.text.SentimentClassifier;
import io.lode.events.Envelopes;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.AgentKeys;
import io.lode.identity.VerdictReceipts;
import io.lode.semantics.TextEmbedder;
import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;

class VerificationPolicyTest {

    private static final AgreementCheck AGREEMENT = new AgreementCheck(new TextEmbedder()::embed, 0.75);

    @Test
    void protocolFailuresComeFirstThenTheChallengeThenTheTaskCheckThenProtocolOnly() {
        VerificationPolicy policy = VerificationPolicy.standard(AGREEMENT, java.util.Optional.empty());
        Challenge challenge = new ChallengeBank(new Random(1)).challengeFor("arithmetic", "math");

        assertThat(policy.judge(new Submission(result("What is 2 * 3?", CallOutcome.TIMEOUT, null), Optional.of(challenge)))
                .method()).isEqualTo(ProtocolCheck.METHOD);
        assertThat(policy.judge(new Submission(result(challenge.input(), CallOutcome.OK, "0"), Optional.of(challenge))))
                .satisfies(j -> assertThat(j.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(policy.judge(new Submission(result("What is 2 * 3?", CallOutcome.OK, "6"), Optional.empty())))
                .satisfies(j -> assertThat(j.method()).isEqualTo("arithmetic"));
        assertThat(policy.judge(new Submission(result("write a haiku", CallOutcome.OK, "a haiku"), Optional.empty())))
                .satisfies(j -> {
                    assertThat(j.verdict()).isEqualTo(Verdict.PASS);
                    assertThat(j.method()).isEqualTo(VerificationPolicy.UNCHECKED);
                });
        assertThat(policy.judge(new Submission(result("x", CallOutcome.OK, " "), Optional.empty())).evidence())
                .containsExactly("empty answer");
        // zero-width characters only: as empty, whether judged alone or against a peer saying the same nothing
        assertThat(policy.judge(new Submission(result("x", CallOutcome.OK, "\u200B\u2060"), Optional.empty(), Optional.empty(),
                java.util.List.of(result("x", CallOutcome.OK, "\u200B")), java.util.Set.of("agt_1"))))
                .satisfies(j -> assertThat(j.verdict()).isEqualTo(Verdict.FAIL))
                .satisfies(j -> assertThat(j.evidence()).containsExactly("empty answer"));
    }

    /** Replays a corpus of results through two separately built policies: same verdicts, same receipts. */
    @Test
    void replayingTheSameResultsYieldsTheSameVerdictsAndReceipts() {
        List<Submission> corpus = corpus();
        KeyPair key = AgentKeys.generate();
        List<String> first = replay(corpus, VerificationPolicy.standard(AGREEMENT, java.util.Optional.empty()), key);
        List<String> second = replay(corpus, VerificationPolicy.standard(AGREEMENT, java.util.Optional.empty()), key);
        assertThat(first).hasSize(corpus.size()).isEqualTo(second);
        assertThat(first).anyMatch(v -> v.startsWith("PASS")).anyMatch(v -> v.startsWith("FAIL"));
    }

    private static List<String> replay(List<Submission> corpus, VerificationPolicy policy, KeyPair key) {
        List<String> verdicts = new ArrayList<>();
        for (Submission submission : corpus) {
            Judgement j = policy.judge(submission);
            AgentResultReceived r = submission.result();
            String receipt = VerdictReceipts.sign(key.getPrivate(), VerdictReceipts.text(r.getTaskId(), r.getAgentId(),
                    r.getRequestDigest(), r.getResponseDigest(), j.verdict().name(), j.score(), j.method(), r.getPrice(), 0));
            verdicts.add(j.verdict() + " " + j.method() + " " + j.score() + " " + j.evidence() + " " + receipt);
        }
        return verdicts;
    }

    private static List<Submission> corpus() {
        ChallengeBank bank = new ChallengeBank(new Random(99));
        List<Submission> corpus = new ArrayList<>();
        String[][] skills = {{"arithmetic", "math"}, {"keywords", "keyword extraction"},
            {"sentiment", "sentiment classification"}, {"summarise", "summarization"}, {"poetry", "poems"}};
        List<java.util.function.UnaryOperator<String>> honest = List.of(new ArithmeticSolver(), new KeywordExtractor(),
                new SentimentClassifier(), new ExtractiveSummariser(), t -> "a poem");
        for (int i = 0; i < skills.length; i++) {
            for (int n = 0; n < 10; n++) {
                Challenge c = bank.challengeFor(skills[i][0], skills[i][1]);
                String answer = (n % 2 == 0 ? honest.get(i) : new ConstantAnswer("positive 42")).apply(c.input());
                corpus.add(new Submission(result(c.input(), CallOutcome.OK, answer), Optional.of(c)));
            }
        }
        corpus.add(new Submission(result("What is 12 * 12?", CallOutcome.OK, "144"), Optional.empty()));
        corpus.add(new Submission(result("What is 12 * 12?", CallOutcome.OK, "145"), Optional.empty()));
        corpus.add(new Submission(result("hello", CallOutcome.ERROR, null), Optional.empty()));
        AgentResultReceived good = result("Summarise: the cat sat on the mat", CallOutcome.OK, "A cat sat on a mat.");
        AgentResultReceived alike = result("Summarise: the cat sat on the mat", CallOutcome.OK, "The cat was sitting on the mat.");
        AgentResultReceived cheap = result("Summarise: the cat sat on the mat", CallOutcome.OK, "Summary unavailable.");
        corpus.add(new Submission(good, Optional.empty(), Optional.empty(), List.of(alike, cheap), java.util.Set.of("agt_1")));
        corpus.add(new Submission(cheap, Optional.empty(), Optional.empty(), List.of(good, alike), java.util.Set.of("agt_1")));
        return corpus;
    }

    private static AgentResultReceived result(String input, CallOutcome outcome, String output) {
        return AgentResultReceived.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null))
                .setTaskId("tsk_" + Integer.toHexString(input.hashCode())).setKind(TaskKind.CONSUMER)
                .setAgentId("agt_1").setPrice(100).setInput(input).setOutcome(outcome).setOutput(output)
                .setError(outcome == CallOutcome.OK ? null : "boom").setLatencyMicros(1000)
                .setRequestDigest("aa").setResponseDigest(output == null ? null : Integer.toHexString(output.hashCode()))
                .build();
    }
}
