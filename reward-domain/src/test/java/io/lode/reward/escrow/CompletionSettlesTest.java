package io.lode.reward.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.ledger.JudgeFee;
import io.lode.events.ledger.PaymentRefused;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.PanelScore;
import io.lode.events.verdicts.Receipt;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.AgentKeys;
import io.lode.identity.VerifierKeyring;
import io.lode.reward.audit.MemoryLedger;
import io.lode.reward.audit.Records;
import io.lode.reward.audit.SigningVerifier;
import io.lode.reward.ledger.Accounts;

/**
 * One authority settles a task: its TaskCompleted, whose payments each carry the verifier's receipt. Verdicts alone
 * move no money; a payment whose receipt is missing, forged, altered or signed by a key not valid at the time pays
 * nothing (PaymentRefused with the reason) and the consumer gets the escrow back.
 */
class CompletionSettlesTest {

    private final SigningVerifier verifier = new SigningVerifier();
    private final EscrowSaga saga = new EscrowSaga(new Settlement(500), ReceiptCheck.against(verifier.keys()));
    private final MemoryLedger ledger = new MemoryLedger();

    @BeforeEach
    void aConsumerWithCredits() {
        saga.apply(AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", "acc_1", null)).setAccountId("acc_1")
                .setStartingCredits(10_000).build(), ledger);
    }

    @Test
    void aReservationTooLargeToHoldIsRejectedNotThrown() {
        ledger.drainEmitted();
        saga.apply(submitted("tsk_big", 1L << 62, 2), ledger);

        assertThat(ledger.drainEmitted()).singleElement().isInstanceOfSatisfying(EscrowRejected.class,
                rejected -> assertThat(rejected.getReason()).contains("not an amount the ledger can reserve"));
        assertThat(ledger.balance("acc_1")).isEqualTo(10_000);
    }

    @Test
    void aPassingVerdictAlonePaysNobody() {
        saga.apply(submitted("tsk_1", 1_000, 1), ledger);
        ledger.drainEmitted();

        ResultVerdict pass = pass("tsk_1", "agt_a", 800);
        assertThat(saga.actsOn(pass)).isFalse();
        saga.apply(pass, ledger);

        assertThat(ledger.balance("agt_a")).isZero();
        assertThat(ledger.escrowStatuses()).containsEntry("tsk_1", "OPEN");
    }

    @Test
    void theCompletionPaysItsPaymentAndRefundsTheRest() {
        saga.apply(submitted("tsk_1", 1_000, 1), ledger);
        ledger.drainEmitted();

        saga.apply(completed("tsk_1", payment(pass("tsk_1", "agt_a", 800))), ledger);

        assertThat(ledger.balance("agt_a")).isEqualTo(800 - 40);
        assertThat(ledger.balance("acc_1")).isEqualTo(10_000 - 800);
        assertThat(ledger.escrowStatuses()).containsEntry("tsk_1", "RELEASED");
        assertThat(ledger.drainEmitted()).singleElement().isInstanceOfSatisfying(FeeReleased.class,
                released -> assertThat(released.getRefunded()).isEqualTo(200));
    }

    @Test
    void aRedundantCompletionPaysEachAgentOnceAndNoMoreThanAskedFor() {
        saga.apply(submitted("tsk_2", 1_000, 2), ledger);
        ledger.drainEmitted();
        Payment a = payment(pass("tsk_2", "agt_a", 700));
        Payment b = payment(pass("tsk_2", "agt_b", 600));
        Payment c = payment(pass("tsk_2", "agt_c", 500));

        saga.apply(completed("tsk_2", a, a, b, c), ledger);

        assertThat(ledger.balance("acc_1")).isEqualTo(10_000 - 700 - 600);
        assertThat(ledger.balance(Accounts.escrowOf("tsk_2"))).isZero();
        List<SpecificRecord> emitted = ledger.drainEmitted();
        assertThat(emitted).filteredOn(FeeReleased.class::isInstance).hasSize(2);
        assertThat(emitted).filteredOn(PaymentRefused.class::isInstance).extracting(e -> ((PaymentRefused) e).getReason())
                .containsExactly("this task has paid agt_a already", "the consumer asked for 2 answer(s), all paid");
        assertThat(emitted).filteredOn(FeeRefunded.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((FeeRefunded) e).getAmount()).isEqualTo(2_000 - 1_300));
    }

    @Test
    void workNotJudgedFailIsPaidAndWorkJudgedFailIsNot() {
        saga.apply(submitted("tsk_4", 1_000, 2), ledger);
        ledger.drainEmitted();
        ResultVerdict inconclusive = verifier.sign(Records.with(unsigned("tsk_4", "agt_a", 600), "verdict",
                Verdict.INCONCLUSIVE), Instant.now());
        ResultVerdict failed = verifier.sign(Records.with(unsigned("tsk_4", "agt_b", 700), "verdict", Verdict.FAIL),
                Instant.now());

        saga.apply(completed("tsk_4", payment(inconclusive), payment(failed)), ledger);

        assertThat(ledger.balance("agt_a")).isEqualTo(600 - 30);
        assertThat(ledger.balance("agt_b")).isZero();
        assertThat(ledger.balance("acc_1")).isEqualTo(10_000 - 600);
        assertThat(ledger.drainEmitted()).filteredOn(PaymentRefused.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((PaymentRefused) e).getReason()).isEqualTo("work judged FAIL is not paid"));
    }

    @Test
    void aPaymentWithoutAGoodReceiptPaysNothingAndTheConsumerIsRefunded() {
        Payment honest = payment(pass("tsk_3", "agt_a", 800));
        Receipt receipt = honest.getReceipt();
        List<Payment> forged = List.of(
                Records.with(honest, "receipt", null),
                Records.with(honest, "price", 1_000L),
                Records.with(honest, "agentId", "agt_thief"),
                payment(new SigningVerifier().sign(unsigned("tsk_3", "agt_a", 800), Instant.now())),
                Records.with(honest, "receipt", Records.with(receipt, "format", "lode-receipt/v1")));
        for (int i = 0; i < forged.size(); i++) {
            String task = "tsk_3";
            MemoryLedger fresh = new MemoryLedger();
            saga.apply(AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", "acc_1", null))
                    .setAccountId("acc_1").setStartingCredits(10_000).build(), fresh);
            saga.apply(submitted(task, 1_000, 1), fresh);
            fresh.drainEmitted();

            saga.apply(completed(task, forged.get(i)), fresh);

            assertThat(fresh.balance("acc_1")).as("forgery %d", i).isEqualTo(10_000);
            assertThat(fresh.balance("agt_a") + fresh.balance("agt_thief")).as("forgery %d", i).isZero();
            List<SpecificRecord> emitted = fresh.drainEmitted();
            assertThat(emitted).as("forgery %d", i).filteredOn(PaymentRefused.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((PaymentRefused) e).getReason()).startsWith("receipt refused"));
            assertThat(emitted).as("forgery %d", i).noneMatch(FeeReleased.class::isInstance);
        }
    }

    @Test
    void aPanelPassPaysTheJudgesWhoAgreedAQuarterOfThePriceAndNeverAJudgeTheReceiptDidNotSign() {
        List<PanelScore> panel = List.of(score("agt_j1", 0.9, 1.0), score("agt_j2", 1.0, 0.9),
                score("agt_far", 0.5, 1.0), score("agt_benched", 0.9, 0.0));
        ResultVerdict passed = verifier.sign(Records.with(Records.with(Records.with(unsigned("tsk_p", "agt_a", 1_000),
                "method", "panel"), "score", 0.9), "panel", panel), Instant.now());
        saga.apply(submitted("tsk_p", 1_000, 1), ledger);
        ledger.drainEmitted();

        saga.apply(completed("tsk_p", payment(passed)), ledger);

        // 1,000: protocol fee 50, the judges' quarter 250 for the two who agreed and had a weight, 700 to the agent.
        assertThat(ledger.balance("agt_j1")).isEqualTo(125);
        assertThat(ledger.balance("agt_j2")).isEqualTo(125);
        assertThat(ledger.balance("agt_far")).isZero();
        assertThat(ledger.balance("agt_benched")).isZero();
        assertThat(ledger.balance("agt_a")).isEqualTo(700);
        assertThat(ledger.balance("acc_1")).isEqualTo(10_000 - 1_000);
        assertThat(ledger.drainEmitted()).singleElement().isInstanceOfSatisfying(FeeReleased.class, released -> {
            assertThat(released.getPaidToAgent()).isEqualTo(700);
            assertThat(released.getJudges()).extracting(JudgeFee::getJudgeId, JudgeFee::getAmount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("agt_j1", 125L),
                            org.assertj.core.groups.Tuple.tuple("agt_j2", 125L));
        });

        // Whoever rewrites the panel (adds itself, re-scores a judge) or signs it with a v2 receipt is paid nothing.
        Payment honest = payment(passed);
        List<Payment> forged = List.of(
                Records.with(honest, "panel", List.of(panel.get(0), panel.get(1), score("agt_thief", 0.9, 1.0))),
                Records.with(honest, "panel", List.of(panel.get(0), panel.get(1), score("agt_far", 0.9, 1.0),
                        panel.get(3))),
                Records.with(honest, "receipt", Records.with(honest.getReceipt(), "format", "lode-receipt/v2")));
        for (Payment payment : forged) {
            MemoryLedger fresh = new MemoryLedger();
            saga.apply(AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", "acc_1", null))
                    .setAccountId("acc_1").setStartingCredits(10_000).build(), fresh);
            saga.apply(submitted("tsk_p", 1_000, 1), fresh);
            saga.apply(completed("tsk_p", payment), fresh);
            assertThat(fresh.balance("acc_1")).as(payment.toString()).isEqualTo(10_000);
            assertThat(fresh.balance("agt_thief") + fresh.balance("agt_far") + fresh.balance("agt_j1"))
                    .as(payment.toString()).isZero();
            assertThat(fresh.drainEmitted()).filteredOn(PaymentRefused.class::isInstance).singleElement()
                    .satisfies(e -> assertThat(((PaymentRefused) e).getReason()).startsWith("receipt refused"));
        }
    }

    private static PanelScore score(String judgeId, double score, double weight) {
        return PanelScore.newBuilder().setJudgeId(judgeId).setScore(score).setWeight(weight).build();
    }

    @Test
    void aRotatedOutKeyJustifiesOnlyWhatItSignedWhileItWasValid() {
        java.security.KeyPair old = AgentKeys.generate();
        String oldKey = AgentKeys.encodePublic(old.getPublic());
        Instant retired = Instant.parse("2026-06-01T00:00:00Z");
        VerifierKeyring ring = new VerifierKeyring(List.of(new VerifierKeyring.Key(oldKey, Instant.EPOCH, retired)));
        ReceiptCheck check = ReceiptCheck.against(ring);

        assertThat(check.problem(judged(signedWith(old, retired.minusSeconds(1))))).isEmpty();
        assertThat(check.problem(judged(signedWith(old, retired)))).get().asString().contains("not valid then");
    }

    private static ReceiptCheck.Judged judged(ResultVerdict v) {
        return ReceiptCheck.Judged.of(v);
    }

    private static ResultVerdict signedWith(java.security.KeyPair key, Instant at) {
        ResultVerdict v = unsigned("tsk_9", "agt_a", 500);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        String text = io.lode.identity.VerdictReceipts.text(v.getTaskId(), v.getAgentId(), "aa", null, "PASS", 1,
                "test", 500, micros);
        return Records.with(v, "receipt", Receipt.newBuilder().setRequestDigest("aa")
                .setVerifierKey(AgentKeys.encodePublic(key.getPublic()))
                .setSignature(io.lode.identity.VerdictReceipts.sign(key.getPrivate(), text))
                .setFormat(io.lode.identity.VerdictReceipts.V2).setSignedAtMicros(micros).build());
    }

    private ResultVerdict pass(String taskId, String agentId, long price) {
        return verifier.sign(unsigned(taskId, agentId, price), Instant.now());
    }

    private static ResultVerdict unsigned(String taskId, String agentId, long price) {
        return ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", taskId, null)).setTaskId(taskId)
                .setKind(TaskKind.CONSUMER).setAgentId(agentId).setPrice(price).setVerdict(Verdict.PASS).setScore(1)
                .setMethod("test").build();
    }

    private static Payment payment(ResultVerdict verdict) {
        return SigningVerifier.paymentFor(verdict);
    }

    private static TaskSubmitted submitted(String taskId, long maxPrice, int redundancy) {
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", taskId, null)).setTaskId(taskId)
                .setKind(TaskKind.CONSUMER).setAccountId("acc_1").setInput("q").setMaxPrice(maxPrice)
                .setRedundancy(redundancy).setDeadlineAt(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();
    }

    private static TaskCompleted completed(String taskId, Payment... payments) {
        return TaskCompleted.newBuilder().setEnvelope(Envelopes.next("test", taskId, null)).setTaskId(taskId)
                .setAgentIds(List.of(payments).stream().map(Payment::getAgentId).distinct().toList())
                .setFeeCharged(List.of(payments).stream().mapToLong(Payment::getPrice).sum())
                .setPayments(List.of(payments)).build();
    }
}
