package io.lode.reward.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.tasks.TaskDispatched;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.reward.audit.MemoryLedger;

/**
 * The reward service reads all of lode.tasks but moves money on a few of its events; the others must cost it no
 * transaction (the handler asks {@link EscrowSaga#actsOn} first), and what it acts on must be decided in one place.
 */
class EventsWithoutEffectsTest {

    private final EscrowSaga saga = new EscrowSaga(new Settlement(500),
            ReceiptCheck.against(new io.lode.reward.audit.SigningVerifier().keys()));

    @Test
    void dispatchesAndChallengesAreNotTheLedgersBusiness() {
        assertThat(saga.actsOn(dispatched())).isFalse();
        assertThat(saga.actsOn(submitted(TaskKind.CHALLENGE))).isFalse();
        assertThat(saga.actsOn(submitted(TaskKind.CONSUMER))).isTrue();
    }

    @Test
    void anEventWithoutEffectsLeavesNoInboxRowSoItsRedeliveryIsHarmlessToo() {
        MemoryLedger ledger = new MemoryLedger();
        TaskDispatched dispatched = dispatched();
        saga.apply(dispatched, ledger);

        assertThat(ledger.firstDelivery(dispatched.getEnvelope().getEventId())).isTrue();
        assertThat(ledger.drainEmitted()).isEmpty();
    }

    private static TaskDispatched dispatched() {
        return TaskDispatched.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setAgentId("agt_a").setPrice(10).setAttempt(1).build();
    }

    private static TaskSubmitted submitted(TaskKind kind) {
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setKind(kind).setAccountId("acc_1").setInput("q").setMaxPrice(1_000).setRedundancy(1)
                .setDeadlineAt(Instant.now().truncatedTo(ChronoUnit.MICROS)).build();
    }
}
