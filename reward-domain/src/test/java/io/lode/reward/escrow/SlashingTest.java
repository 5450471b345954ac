package io.lode.reward.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.Slashed;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.audit.MemoryLedger;
import io.lode.reward.audit.Records;
import io.lode.reward.audit.SigningVerifier;
import io.lode.reward.ledger.Accounts;

/**
 * A FAIL of a result that was already paid, or a wrong answer to a hidden challenge, slashes the agent's unvested
 * rewards; nothing else does.
 */
class SlashingTest {

    private static final SigningVerifier VERIFIER = new SigningVerifier();
    private final EscrowSaga saga = new EscrowSaga(new Settlement(500), ReceiptCheck.against(VERIFIER.keys()));
    private final MemoryLedger store = new MemoryLedger();

    @BeforeEach
    void anAgentPaidForTaskOneWithRewardsWaitingToVest() {
        saga.apply(AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", "acc_1", null)).setAccountId("acc_1")
                .setStartingCredits(10_000).build(), store);
        saga.apply(submitted("tsk_1"), store);
        saga.apply(completed(verdict("tsk_1", "agt_1", Verdict.PASS)), store);
        store.ensureAccount(Accounts.unvestedOf("agt_1"), Accounts.Kind.UNVESTED);
        store.record("emission-1", new Settlement(500).emission(1, Map.of("agt_1", 5_000L), 0));
        store.accrue(1, Map.of("agt_1", 5_000L));
        store.drainEmitted();
    }

    @Test
    void aLaterFailOfThePaidResultSendsTheUnvestedRewardsToTheTreasury() {
        long treasury = store.balance(Accounts.TREASURY);

        saga.apply(verdict("tsk_1", "agt_1", Verdict.FAIL), store);

        assertThat(store.balance(Accounts.unvestedOf("agt_1"))).isZero();
        assertThat(store.balance(Accounts.TREASURY)).isEqualTo(treasury + 5_000);
        assertThat(store.drainEmitted()).singleElement().isInstanceOfSatisfying(Slashed.class, slashed -> {
            assertThat(slashed.getAgentId()).isEqualTo("agt_1");
            assertThat(slashed.getAmount()).isEqualTo(5_000);
            assertThat(slashed.getTaskId()).isEqualTo("tsk_1");
            assertThat(slashed.getReason()).contains("failed after payment");
        });
    }

    @Test
    void aFailOfAnotherAgentOrOfAnUnpaidTaskSlashesNothing() {
        saga.apply(verdict("tsk_1", "agt_2", Verdict.FAIL), store);
        saga.apply(submitted("tsk_2"), store);
        saga.apply(verdict("tsk_2", "agt_1", Verdict.FAIL), store);

        assertThat(store.balance(Accounts.unvestedOf("agt_1"))).isEqualTo(5_000);
        assertThat(store.drainEmitted()).noneMatch(Slashed.class::isInstance);
    }

    @Test
    void aWrongAnswerToAHoneypotSlashesButATimedOutOneDoesNot() {
        saga.apply(challengeVerdict("tsk_hp1", "agt_1", "protocol"), store);
        assertThat(store.drainEmitted()).noneMatch(Slashed.class::isInstance);

        saga.apply(challengeVerdict("tsk_hp2", "agt_1", "arithmetic"), store);

        assertThat(store.balance(Accounts.unvestedOf("agt_1"))).isZero();
        assertThat(store.drainEmitted()).singleElement().isInstanceOfSatisfying(Slashed.class, slashed -> {
            assertThat(slashed.getAmount()).isEqualTo(5_000);
            assertThat(slashed.getReason()).contains("hidden challenge of task tsk_hp2").contains("arithmetic");
        });
    }

    @Test
    void aForgedFailSlashesNothingAndIsRefusedWithTheReason() {
        ResultVerdict real = verdict("tsk_1", "agt_1", Verdict.FAIL);
        ResultVerdict unsigned = Records.with(real, "receipt", null);
        ResultVerdict signedByAnother = new SigningVerifier().sign(verdict("tsk_1", "agt_1", Verdict.FAIL),
                Instant.now());

        for (ResultVerdict forged : java.util.List.of(unsigned, signedByAnother)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> saga.apply(forged, store))
                    .isInstanceOf(ForgedReceiptException.class).hasMessageContaining("agt_1");
        }
        assertThat(store.balance(Accounts.unvestedOf("agt_1"))).isEqualTo(5_000);
        assertThat(store.drainEmitted()).isEmpty();
    }

    @Test
    void aSecondFailFindsNothingLeftToSlash() {
        saga.apply(verdict("tsk_1", "agt_1", Verdict.FAIL), store);
        store.drainEmitted();

        saga.apply(verdict("tsk_1", "agt_1", Verdict.FAIL), store);

        assertThat(store.drainEmitted()).isEmpty();
        assertThat(store.balance(Accounts.unvestedOf("agt_1"))).isZero();
    }

    private static ResultVerdict challengeVerdict(String task, String agent, String method) {
        return VERIFIER.sign(ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CHALLENGE).setAgentId(agent).setPrice(0).setVerdict(Verdict.FAIL).setScore(0)
                .setMethod(method).build(), Instant.now());
    }

    private static TaskCompleted completed(ResultVerdict passed) {
        return TaskCompleted.newBuilder().setEnvelope(Envelopes.next("test", passed.getTaskId(), null))
                .setTaskId(passed.getTaskId()).setAgentIds(java.util.List.of(passed.getAgentId()))
                .setFeeCharged(passed.getPrice()).setPayments(java.util.List.of(SigningVerifier.paymentFor(passed)))
                .build();
    }

    private static TaskSubmitted submitted(String task) {
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAccountId("acc_1").setInput("q").setMaxPrice(1_000).setRedundancy(1)
                .setDeadlineAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    private static ResultVerdict verdict(String task, String agent, Verdict verdict) {
        return VERIFIER.sign(ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAgentId(agent).setAccountId("acc_1").setPrice(800).setVerdict(verdict)
                .setScore(verdict == Verdict.PASS ? 1 : 0).setMethod("honeypot").build(), Instant.now());
    }
}
