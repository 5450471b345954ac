package io.lode.reward.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.audit.MemoryLedger;
import io.lode.reward.ledger.Accounts;

/**
 * lode.tasks and lode.verdicts are read independently, so after a restart the reward service may read a task's
 * completion before the verdict that pays it. The escrow must then wait for the payment instead of refunding the
 * whole fee as unused (found by SurvivalUnderLoadIT: a COMPLETED task refunded in full, its agent unpaid).
 */
class CompletionBeforeVerdictTest {

    private final EscrowSaga saga = new EscrowSaga(new Settlement(500));
    private final MemoryLedger ledger = new MemoryLedger();

    @Test
    void theAgentIsPaidAndOnlyTheRestRefundedWhenTheCompletionComesFirst() {
        saga.apply(opened(), ledger);
        saga.apply(submitted("tsk_1", 1_000, 1), ledger);

        saga.apply(completed("tsk_1", "agt_a"), ledger);
        assertThat(ledger.escrowStatuses()).containsEntry("tsk_1", "OPEN");

        saga.apply(pass("tsk_1", "agt_a", 800), ledger);
        assertThat(ledger.escrowStatuses()).containsEntry("tsk_1", "RELEASED");
        assertThat(ledger.balance("acc_1")).isEqualTo(10_000 - 800);
        List<SpecificRecord> emitted = ledger.drainEmitted();
        assertThat(emitted).filteredOn(FeeReleased.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((FeeReleased) e).getRefunded()).isEqualTo(200));
        assertThat(emitted).noneMatch(FeeRefunded.class::isInstance);
    }

    @Test
    void aRedundantEscrowRefundsTheRestOnceEveryNamedAgentIsPaid() {
        saga.apply(opened(), ledger);
        saga.apply(submitted("tsk_2", 1_000, 3), ledger);
        saga.apply(pass("tsk_2", "agt_a", 700), ledger);

        saga.apply(completed("tsk_2", "agt_a", "agt_b"), ledger);
        assertThat(ledger.escrowStatuses()).containsEntry("tsk_2", "OPEN");

        saga.apply(pass("tsk_2", "agt_b", 600), ledger);
        assertThat(ledger.escrowStatuses()).containsEntry("tsk_2", "REFUNDED");
        assertThat(ledger.balance(Accounts.escrowOf("tsk_2"))).isZero();
        assertThat(ledger.balance("acc_1")).isEqualTo(10_000 - 700 - 600);
        assertThat(ledger.drainEmitted()).filteredOn(FeeRefunded.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((FeeRefunded) e).getAmount()).isEqualTo(3_000 - 1_300));
    }

    private static AccountOpened opened() {
        return AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", "acc_1", null)).setAccountId("acc_1")
                .setStartingCredits(10_000).build();
    }

    private static TaskSubmitted submitted(String taskId, long maxPrice, int redundancy) {
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", taskId, null)).setTaskId(taskId)
                .setKind(TaskKind.CONSUMER).setAccountId("acc_1").setInput("q").setMaxPrice(maxPrice)
                .setRedundancy(redundancy).setDeadlineAt(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();
    }

    private static TaskCompleted completed(String taskId, String... agentIds) {
        return TaskCompleted.newBuilder().setEnvelope(Envelopes.next("test", taskId, null)).setTaskId(taskId)
                .setAgentIds(List.of(agentIds)).setFeeCharged(0).build();
    }

    private static ResultVerdict pass(String taskId, String agentId, long price) {
        return ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", taskId, null)).setTaskId(taskId)
                .setKind(TaskKind.CONSUMER).setAgentId(agentId).setPrice(price).setVerdict(Verdict.PASS).setScore(1)
                .setMethod("test").build();
    }
}
