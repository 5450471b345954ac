package io.lode.reward.escrow;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.Deposited;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.ledger.Slashed;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;

/**
 * The money side of a task, as plain Java over a {@link LedgerStore}: open accounts, escrow the fee on
 * TaskSubmitted, pay a PASS, refund a failed or canceled task. Every event is applied at most once.
 */
public final class EscrowSaga {

    public static final String PRODUCER = "reward-service";
    private static final String UNUSED_ESCROW = "unused escrow of a completed task";

    private final Settlement settlement;

    public EscrowSaga(Settlement settlement) {
        this.settlement = settlement;
    }

    /** True if {@code event} moves money or escrow; any other event needs no transaction. */
    public boolean actsOn(SpecificRecord event) {
        return reactionTo(event) != null;
    }

    public void apply(SpecificRecord event, LedgerStore store) {
        Consumer<LedgerStore> reaction = reactionTo(event);
        // An event without effects leaves no inbox row either: the row only guards effects.
        if (reaction != null && store.firstDelivery(Envelopes.of(event).getEventId())) {
            reaction.accept(store);
        }
    }

    private Consumer<LedgerStore> reactionTo(SpecificRecord event) {
        Envelope envelope = Envelopes.of(event);
        if (event instanceof AccountOpened opened) {
            return store -> accountOpened(store, opened);
        } else if (event instanceof TaskSubmitted submitted && submitted.getKind() == TaskKind.CONSUMER) {
            return store -> taskSubmitted(store, submitted);
        } else if (event instanceof ResultVerdict verdict && verdict.getKind() == TaskKind.CONSUMER) {
            return store -> verdictReached(store, verdict);
        } else if (event instanceof ResultVerdict verdict && caughtByAChallenge(verdict)) {
            return store -> slash(store, verdict, "wrong answer to a hidden challenge of task " + verdict.getTaskId());
        } else if (event instanceof TaskCompleted completed) {
            return store -> taskCompleted(store, completed);
        } else if (event instanceof TaskFailed failed) {
            return store -> refundIfOpen(store, failed.getTaskId(), envelope, envelope.getEventId(),
                    "task failed: " + failed.getReason());
        } else if (event instanceof TaskCanceled canceled) {
            return store -> refundIfOpen(store, canceled.getTaskId(), envelope, envelope.getEventId(), "task canceled");
        }
        return null;
    }

    private void accountOpened(LedgerStore store, AccountOpened opened) {
        store.ensureAccount(opened.getAccountId(), Accounts.Kind.CONSUMER);
        if (opened.getOwnerKey() != null) {
            store.setOwner(opened.getAccountId(), AgentId.of(AgentKeys.decodePublic(opened.getOwnerKey())));
        }
        if (opened.getStartingCredits() > 0) {
            credit(store, opened.getEnvelope().getEventId(), opened.getAccountId(), opened.getStartingCredits(),
                    "starting credits", opened.getEnvelope());
        }
    }

    /**
     * An operator's deposit into a consumer account, applied once per {@code depositId}; false if that deposit
     * was applied before (a retried request).
     */
    public boolean deposit(LedgerStore store, String depositId, String accountId, long amount, String reason) {
        if (!store.firstDelivery(depositId)) {
            return false;
        }
        credit(store, depositId, accountId, amount, reason, null);
        return true;
    }

    private void credit(LedgerStore store, String eventId, String accountId, long amount, String reason,
                        Envelope cause) {
        store.record(eventId, settlement.deposit(accountId, amount, reason));
        store.emit(accountId, Deposited.newBuilder().setEnvelope(next(accountId, cause)).setAccountId(accountId)
                .setAmount(amount).setReason(reason).build());
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
        Escrow escrow = new Escrow(taskId, accountId, amount, submitted.getRedundancy());
        store.openEscrow(escrow);
        store.record(submitted.getEnvelope().getEventId(), settlement.escrow(taskId, accountId, amount));
        store.emit(taskId, FeeEscrowed.newBuilder().setEnvelope(next(taskId, submitted.getEnvelope()))
                .setTaskId(taskId).setAccountId(accountId).setAmount(amount).build());
    }

    /**
     * The rest of the escrow goes back once every agent the task names is paid. lode.tasks and lode.verdicts are read
     * independently, so the completion may come before the verdicts that pay: then the escrow waits for them.
     */
    private void taskCompleted(LedgerStore store, TaskCompleted completed) {
        String taskId = completed.getTaskId();
        Set<String> unpaid = new HashSet<>(completed.getAgentIds());
        unpaid.removeAll(store.payees(taskId));
        if (unpaid.isEmpty() || store.openEscrow(taskId).isEmpty()) {
            refundIfOpen(store, taskId, completed.getEnvelope(), completed.getEnvelope().getEventId(),
                    UNUSED_ESCROW);
        } else {
            store.awaitPayees(taskId, unpaid);
        }
    }

    private void verdictReached(LedgerStore store, ResultVerdict verdict) {
        if (verdict.getVerdict() != Verdict.PASS) {
            // A failed attempt does not end the task: the orchestrator may retry it on another agent. Every task
            // that is not paid ends with TaskFailed or TaskCanceled, and that refunds. But a FAIL of a result
            // this task already paid for (a honeypot caught later, an upheld dispute) is fraud found after the
            // fact: the agent loses what has not vested yet.
            if (store.payees(verdict.getTaskId()).contains(verdict.getAgentId())) {
                slash(store, verdict, "result of task " + verdict.getTaskId() + " failed after payment");
            }
            return;
        }
        Optional<Escrow> open = store.openEscrow(verdict.getTaskId());
        if (open.isEmpty()) {
            return;
        }
        Escrow escrow = open.get();
        Set<String> paid = store.payees(verdict.getTaskId());
        if (paid.contains(verdict.getAgentId()) || paid.size() >= escrow.redundancy()) {
            return; // one payment per agent, and no more agents than the consumer asked for
        }
        store.ensureAccount(verdict.getAgentId(), Accounts.Kind.AGENT);
        // A task's only verdict pays and refunds the rest at once; a redundant task's escrow waits for its others.
        Settlement.Release release = escrow.redundancy() == 1
                ? settlement.release(escrow, verdict.getAgentId(), verdict.getPrice())
                : settlement.pay(escrow, verdict.getAgentId(), verdict.getPrice());
        store.recordPayment(verdict.getTaskId(), verdict.getAgentId(),
                escrow.amount() - verdict.getPrice() - release.refunded());
        store.record(verdict.getEnvelope().getEventId(), release.transaction());
        store.emit(verdict.getTaskId(), FeeReleased.newBuilder()
                .setEnvelope(next(verdict.getTaskId(), verdict.getEnvelope()))
                .setTaskId(verdict.getTaskId()).setAgentId(verdict.getAgentId()).setAccountId(escrow.accountId())
                .setPaidToAgent(release.paidToAgent()).setProtocolFee(release.protocolFee())
                .setRefunded(release.refunded()).build());
        Set<String> awaited = store.awaitedPayees(verdict.getTaskId());
        if (!awaited.isEmpty() && store.payees(verdict.getTaskId()).containsAll(awaited)) {
            // The refund is a transaction of its own: its id is derived from the verdict's, which the payment took.
            refundIfOpen(store, verdict.getTaskId(), verdict.getEnvelope(), UUID.nameUUIDFromBytes(
                    (verdict.getEnvelope().getEventId() + "/refund").getBytes(StandardCharsets.UTF_8)).toString(),
                    UNUSED_ESCROW);
        }
    }

    /**
     * A checked wrong answer to a hidden challenge (a honeypot, or an exam question) is fraud as much as a paid
     * result failed later; a call that merely failed (timeout, error: method "protocol") is not.
     */
    private static boolean caughtByAChallenge(ResultVerdict verdict) {
        return verdict.getKind() == TaskKind.CHALLENGE && verdict.getVerdict() == Verdict.FAIL
                && !verdict.getMethod().equals("protocol");
    }

    private void slash(LedgerStore store, ResultVerdict verdict, String what) {
        String eventId = verdict.getEnvelope().getEventId();
        long amount = store.slashUnvested(verdict.getAgentId(), eventId);
        if (amount == 0) {
            return; // nothing left to take; the verdict itself stays on lode.verdicts
        }
        String reason = what + " (" + verdict.getMethod()
                + (verdict.getEvidence().isEmpty() ? "" : ": " + String.join("; ", verdict.getEvidence())) + ")";
        store.record(eventId, settlement.slash(verdict.getAgentId(), amount, verdict.getTaskId(), reason));
        store.emit(verdict.getAgentId(), Slashed.newBuilder()
                .setEnvelope(next(verdict.getAgentId(), verdict.getEnvelope())).setAgentId(verdict.getAgentId())
                .setAmount(amount).setReason(reason).setTaskId(verdict.getTaskId()).build());
    }

    private void refundIfOpen(LedgerStore store, String taskId, Envelope cause, String transactionId, String reason) {
        Optional<Escrow> open = store.openEscrow(taskId);
        if (open.isEmpty()) {
            return;
        }
        store.record(transactionId, settlement.refund(open.get(), reason));
        store.refundEscrow(taskId);
        store.emit(taskId, FeeRefunded.newBuilder().setEnvelope(next(taskId, cause))
                .setTaskId(taskId).setAccountId(open.get().accountId()).setAmount(open.get().amount())
                .setReason(reason).build());
    }

    private static Envelope next(String correlationId, Envelope cause) {
        return Envelopes.next(PRODUCER, correlationId, cause == null ? null : cause.getEventId());
    }
}
