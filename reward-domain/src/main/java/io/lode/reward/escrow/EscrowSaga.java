package io.lode.reward.escrow;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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
import io.lode.events.ledger.JudgeFee;
import io.lode.events.ledger.PaymentRefused;
import io.lode.events.ledger.Slashed;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.identity.PanelMedian;
import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;

/**
 * The money side of a task, as plain Java over a {@link LedgerStore}: open accounts, escrow the fee on
 * TaskSubmitted, pay what a task's completion names, refund a failed or canceled task. Every event is applied at
 * most once.
 *
 * <p>One authority settles a task: the orchestrator's terminal event. TaskCompleted names every payment with the
 * verdict that earned it and the verifier's receipt; the saga pays a payment — for work not judged FAIL — only if
 * its receipt verifies against the verifier's published keys ({@link ReceiptCheck}) and refuses it otherwise
 * ({@link PaymentRefused}: nothing paid, the reason kept), then refunds what the escrow still holds. Verdicts are
 * read only to slash after payment.
 */
public final class EscrowSaga {

    public static final String PRODUCER = "reward-service";
    private static final String UNUSED_ESCROW = "unused escrow of a completed task";

    private final Settlement settlement;
    private final ReceiptCheck receipts;

    public EscrowSaga(Settlement settlement, ReceiptCheck receipts) {
        this.settlement = settlement;
        this.receipts = receipts;
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
        } else if (event instanceof ResultVerdict verdict && verdict.getKind() == TaskKind.CONSUMER
                && verdict.getVerdict() == Verdict.FAIL) {
            return store -> failedAfterPayment(store, verdict);
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
        long amount;
        try {
            amount = Settlement.reserveFor(submitted.getMaxPrice(), submitted.getRedundancy());
        } catch (ArithmeticException | IllegalArgumentException e) {
            // The orchestrator bounds maxPrice; a submission past it must fail its task, not stall the ledger or
            // make every later audit refuse the log.
            store.emit(taskId, EscrowRejected.newBuilder().setEnvelope(next(taskId, submitted.getEnvelope()))
                    .setTaskId(taskId).setAccountId(accountId == null ? "" : accountId)
                    .setRequested(submitted.getMaxPrice()).setAvailable(0)
                    .setReason("maxPrice " + submitted.getMaxPrice() + " × redundancy " + submitted.getRedundancy()
                            + " is not an amount the ledger can reserve").build());
            return;
        }
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
     * Pays every payment the completion names that a verified receipt justifies, once per agent and to no more
     * agents than the consumer asked for, and refunds the rest. A task with one agent pays and refunds in one
     * release; a redundant task pays each agent, then refunds what is left.
     */
    private void taskCompleted(LedgerStore store, TaskCompleted completed) {
        String taskId = completed.getTaskId();
        Optional<Escrow> open = store.openEscrow(taskId);
        if (open.isEmpty()) {
            return; // a challenge (never escrowed), or a task already settled
        }
        Envelope cause = completed.getEnvelope();
        Set<String> paid = new HashSet<>(store.payees(taskId));
        int redundancy = open.get().redundancy();
        for (Payment payment : completed.getPayments()) {
            Optional<Escrow> left = store.openEscrow(taskId);
            Optional<String> refusal = left.isEmpty()
                    ? Optional.of("the consumer asked for " + redundancy + " answer(s), all paid")
                    : refusal(taskId, left.get(), paid, payment);
            if (refusal.isPresent()) {
                store.emit(taskId, PaymentRefused.newBuilder().setEnvelope(next(taskId, cause)).setTaskId(taskId)
                        .setAgentId(payment.getAgentId()).setPrice(payment.getPrice()).setReason(refusal.get())
                        .build());
                continue;
            }
            Escrow escrow = left.get();
            paid.add(payment.getAgentId());
            boolean alone = escrow.redundancy() == 1;
            if (payment.getPrice() == 0 && !alone) {
                store.recordPayment(taskId, payment.getAgentId(), escrow.amount()); // a free agent: nothing moves
                continue;
            }
            store.ensureAccount(payment.getAgentId(), Accounts.Kind.AGENT);
            List<String> judges = judgesPaidBy(payment);
            judges.forEach(judge -> store.ensureAccount(judge, Accounts.Kind.AGENT));
            Settlement.Release release = alone
                    ? settlement.release(escrow, payment.getAgentId(), payment.getPrice(), judges)
                    : settlement.pay(escrow, payment.getAgentId(), payment.getPrice(), judges);
            store.recordPayment(taskId, payment.getAgentId(),
                    escrow.amount() - payment.getPrice() - release.refunded());
            store.record(alone ? cause.getEventId() : derivedId(cause, "pay/" + payment.getAgentId()),
                    release.transaction());
            store.emit(taskId, FeeReleased.newBuilder().setEnvelope(next(taskId, cause))
                    .setTaskId(taskId).setAgentId(payment.getAgentId()).setAccountId(escrow.accountId())
                    .setPaidToAgent(release.paidToAgent()).setProtocolFee(release.protocolFee())
                    .setRefunded(release.refunded()).setJudges(release.judgesPaid().entrySet().stream()
                            .map(j -> JudgeFee.newBuilder().setJudgeId(j.getKey()).setAmount(j.getValue()).build())
                            .toList()).build());
        }
        refundIfOpen(store, taskId, cause, derivedId(cause, "refund"), UNUSED_ESCROW);
    }

    /**
     * The judges a passed payment pays out of its price: those of its panel (signed by its v3 receipt, checked
     * before this) who had a weight and scored near the median ({@link PanelMedian#agreeing}); none for any other
     * method. A judge is never the worker (the panel draw excludes it); the rule holds here too.
     */
    private static List<String> judgesPaidBy(Payment payment) {
        if (payment.getVerdict() != Verdict.PASS || payment.getPanel().isEmpty()) {
            return List.of();
        }
        return PanelMedian.agreeing(ReceiptCheck.votes(payment.getPanel())).stream()
                .filter(judge -> !judge.equals(payment.getAgentId())).toList();
    }

    /** Why {@code payment} pays nothing, or empty if the escrow pays it. */
    private Optional<String> refusal(String taskId, Escrow escrow, Set<String> paid, Payment payment) {
        if (payment.getVerdict() == Verdict.FAIL) {
            return Optional.of("work judged FAIL is not paid");
        }
        if (paid.contains(payment.getAgentId())) {
            return Optional.of("this task has paid " + payment.getAgentId() + " already");
        }
        if (paid.size() >= escrow.redundancy()) {
            return Optional.of("the consumer asked for " + escrow.redundancy() + " answer(s), all paid");
        }
        if (payment.getPrice() < 0 || payment.getPrice() > escrow.amount()) {
            return Optional.of("price " + payment.getPrice() + " outside the escrow's " + escrow.amount());
        }
        return receipts.problem(ReceiptCheck.Judged.of(taskId, payment))
                .map(problem -> "receipt refused: " + problem);
    }

    /**
     * A FAIL of a result this task already paid for (a honeypot caught later, an upheld dispute) is fraud found
     * after the fact: the agent loses what has not vested yet. A FAIL of an attempt the task did not pay for (the
     * orchestrator may retry it elsewhere) moves no money: the task's end settles it.
     */
    private void failedAfterPayment(LedgerStore store, ResultVerdict verdict) {
        if (store.payees(verdict.getTaskId()).contains(verdict.getAgentId())) {
            slash(store, verdict, "result of task " + verdict.getTaskId() + " failed after payment");
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
        // Only a verdict the verifier issued takes anyone's money: a forged FAIL is refused (dead-lettered).
        receipts.problem(ReceiptCheck.Judged.of(verdict)).ifPresent(problem -> {
            throw new ForgedReceiptException("verdict " + verdict.getEnvelope().getEventId() + " on task "
                    + verdict.getTaskId() + " would slash " + verdict.getAgentId() + ": " + problem);
        });
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

    /** A transaction id of its own for one of several ledger changes one event causes. */
    private static String derivedId(Envelope cause, String part) {
        return UUID.nameUUIDFromBytes((cause.getEventId() + "/" + part).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static Envelope next(String correlationId, Envelope cause) {
        return Envelopes.next(PRODUCER, correlationId, cause == null ? null : cause.getEventId());
    }
}
