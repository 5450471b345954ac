package io.lode.reward.escrow;

import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.Deposited;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;

/**
 * The money side of a task, as plain Java over a {@link LedgerStore}: open accounts, escrow the fee on
 * TaskSubmitted, pay a PASS, refund a failed or canceled task. Every event is applied at most once.
 */
public final class EscrowSaga {

    public static final String PRODUCER = "reward-service";

    private final Settlement settlement;

    public EscrowSaga(Settlement settlement) {
        this.settlement = settlement;
    }

    public void apply(SpecificRecord event, LedgerStore store) {
        Envelope envelope = Envelopes.of(event);
        if (!store.firstDelivery(envelope.getEventId())) {
            return;
        }
        if (event instanceof AccountOpened opened) {
            accountOpened(store, opened);
        } else if (event instanceof TaskSubmitted submitted && submitted.getKind() == TaskKind.CONSUMER) {
            taskSubmitted(store, submitted);
        } else if (event instanceof ResultVerdict verdict && verdict.getKind() == TaskKind.CONSUMER) {
            verdictReached(store, verdict);
        } else if (event instanceof TaskFailed failed) {
            refundIfOpen(store, failed.getTaskId(), envelope, "task failed: " + failed.getReason());
        } else if (event instanceof TaskCanceled canceled) {
            refundIfOpen(store, canceled.getTaskId(), envelope, "task canceled");
        }
    }

    private void accountOpened(LedgerStore store, AccountOpened opened) {
        store.ensureAccount(opened.getAccountId(), Accounts.Kind.CONSUMER);
        if (opened.getStartingCredits() > 0) {
            String reason = "starting credits";
            store.record(opened.getEnvelope().getEventId(),
                    settlement.deposit(opened.getAccountId(), opened.getStartingCredits(), reason));
            store.emit(opened.getAccountId(), Deposited.newBuilder()
                    .setEnvelope(next(opened.getAccountId(), opened.getEnvelope()))
                    .setAccountId(opened.getAccountId()).setAmount(opened.getStartingCredits()).setReason(reason)
                    .build());
        }
    }

    private void taskSubmitted(LedgerStore store, TaskSubmitted submitted) {
        String taskId = submitted.getTaskId();
        String accountId = submitted.getAccountId();
        long amount = Settlement.reserveFor(submitted.getMaxPrice(), submitted.getRedundancy());
        Optional<Long> balance = accountId == null ? Optional.empty() : store.lockBalance(accountId);
        if (balance.isEmpty() || balance.get() < amount) {
            store.emit(taskId, EscrowRejected.newBuilder()
                    .setEnvelope(next(taskId, submitted.getEnvelope()))
                    .setTaskId(taskId).setAccountId(accountId == null ? "" : accountId)
                    .setRequested(amount).setAvailable(balance.orElse(0L))
                    .setReason(balance.isEmpty() ? "unknown account" : "insufficient funds").build());
            return;
        }
        Escrow escrow = new Escrow(taskId, accountId, amount);
        store.openEscrow(escrow);
        store.record(submitted.getEnvelope().getEventId(), settlement.escrow(taskId, accountId, amount));
        store.emit(taskId, FeeEscrowed.newBuilder().setEnvelope(next(taskId, submitted.getEnvelope()))
                .setTaskId(taskId).setAccountId(accountId).setAmount(amount).build());
    }

    private void verdictReached(LedgerStore store, ResultVerdict verdict) {
        if (verdict.getVerdict() != Verdict.PASS) {
            // A failed attempt does not end the task: the orchestrator may retry it on another agent. Every task
            // that is not paid ends with TaskFailed or TaskCanceled, and that refunds.
            return;
        }
        Optional<Escrow> open = store.openEscrow(verdict.getTaskId());
        if (open.isEmpty()) {
            return;
        }
        store.ensureAccount(verdict.getAgentId(), Accounts.Kind.AGENT);
        Settlement.Release release = settlement.release(open.get(), verdict.getAgentId(), verdict.getPrice());
        store.record(verdict.getEnvelope().getEventId(), release.transaction());
        store.closeEscrow(verdict.getTaskId(), "RELEASED");
        store.emit(verdict.getTaskId(), FeeReleased.newBuilder()
                .setEnvelope(next(verdict.getTaskId(), verdict.getEnvelope()))
                .setTaskId(verdict.getTaskId()).setAgentId(verdict.getAgentId()).setAccountId(open.get().accountId())
                .setPaidToAgent(release.paidToAgent()).setProtocolFee(release.protocolFee())
                .setRefunded(release.refunded()).build());
    }

    private void refundIfOpen(LedgerStore store, String taskId, Envelope cause, String reason) {
        Optional<Escrow> open = store.openEscrow(taskId);
        if (open.isEmpty()) {
            return;
        }
        store.record(cause.getEventId(), settlement.refund(open.get(), reason));
        store.closeEscrow(taskId, "REFUNDED");
        store.emit(taskId, FeeRefunded.newBuilder().setEnvelope(next(taskId, cause))
                .setTaskId(taskId).setAccountId(open.get().accountId()).setAmount(open.get().amount())
                .setReason(reason).build());
    }

    private static Envelope next(String correlationId, Envelope cause) {
        return Envelopes.next(PRODUCER, correlationId, cause.getEventId());
    }
}
