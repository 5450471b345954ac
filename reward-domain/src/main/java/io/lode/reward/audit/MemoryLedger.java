package io.lode.reward.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.epochs.EpochClosed;
import io.lode.reward.epoch.EmissionSplit;
import io.lode.reward.epoch.EpochStore;
import io.lode.reward.escrow.LedgerStore;
import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerTransaction;
import io.lode.reward.ledger.Posting;

/**
 * The ledger in memory, with the database's rules (balanced postings, only the mint below zero, one escrow per
 * task): what the audit replay and the unit tests run the saga and the epoch close over.
 */
public final class MemoryLedger implements LedgerStore, EpochStore {

    private final Set<String> processed = new HashSet<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Accounts.Kind> kinds = new HashMap<>();
    private final Map<String, Escrow> escrows = new HashMap<>();
    private final Map<String, String> escrowStatus = new HashMap<>();
    private final Map<String, Set<String>> payees = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final List<Accrual> accruals = new ArrayList<>();
    /** Price per (agent, consumer) paid since the latest close, in the order first paid. */
    private final Map<List<String>, long[]> work = new LinkedHashMap<>();
    private long feesSettled;
    private Head latest;
    private final List<SpecificRecord> emitted = new ArrayList<>();

    private static final class Accrual {
        final long epoch;
        final String agentId;
        final long amount;
        boolean settled;

        Accrual(long epoch, String agentId, long amount) {
            this.epoch = epoch;
            this.agentId = agentId;
            this.amount = amount;
        }
    }

    public MemoryLedger() {
        ensureAccount(Accounts.MINT, Accounts.Kind.MINT);
        ensureAccount(Accounts.TREASURY, Accounts.Kind.TREASURY);
    }

    @Override
    public boolean firstDelivery(String eventId) {
        return processed.add(eventId);
    }

    @Override
    public void ensureAccount(String accountId, Accounts.Kind kind) {
        kinds.putIfAbsent(accountId, kind);
        balances.putIfAbsent(accountId, 0L);
    }

    @Override
    public void setOwner(String accountId, String ownerAgentId) {
        owners.put(accountId, ownerAgentId);
    }

    @Override
    public Optional<Long> lockBalance(String accountId) {
        return Optional.ofNullable(balances.get(accountId));
    }

    @Override
    public void record(String eventId, LedgerTransaction transaction) {
        for (Posting posting : transaction.postings()) {
            Accounts.Kind kind = kinds.get(posting.accountId());
            if (kind == null) {
                throw new IllegalStateException("posting to unknown account " + posting.accountId());
            }
            if (kind != Accounts.Kind.MINT && balances.get(posting.accountId()) + posting.amount() < 0) {
                throw new IllegalStateException(posting.accountId() + " would go below zero");
            }
        }
        for (Posting posting : transaction.postings()) {
            balances.merge(posting.accountId(), posting.amount(), Math::addExact);
        }
        if (transaction.kind().equals("RELEASE")) {
            countVerifiedWork(transaction);
        }
    }

    /**
     * As the service's query: price = what the agent and the treasury got, fee = what the treasury got;
     * self-dealing counts no work.
     */
    private void countVerifiedWork(LedgerTransaction release) {
        long fee = release.postings().stream().filter(p -> kinds.get(p.accountId()) == Accounts.Kind.TREASURY)
                .mapToLong(Posting::amount).sum();
        long price = fee + release.postings().stream().filter(p -> kinds.get(p.accountId()) == Accounts.Kind.AGENT)
                .mapToLong(Posting::amount).sum();
        feesSettled += price;
        String consumer = escrows.get(release.taskId()).accountId();
        String agent = release.memo();
        if (!agent.equals(owners.get(consumer))) {
            long[] counted = work.computeIfAbsent(List.of(agent, consumer), k -> new long[2]);
            counted[0] += price;
            counted[1] += fee;
        }
    }

    @Override
    public void openEscrow(Escrow escrow) {
        ensureAccount(Accounts.escrowOf(escrow.taskId()), Accounts.Kind.ESCROW);
        if (escrows.putIfAbsent(escrow.taskId(), escrow) != null) {
            throw new IllegalStateException("escrow of " + escrow.taskId() + " exists");
        }
        escrowStatus.put(escrow.taskId(), "OPEN");
    }

    @Override
    public Optional<Escrow> openEscrow(String taskId) {
        return "OPEN".equals(escrowStatus.get(taskId)) ? Optional.of(escrows.get(taskId)) : Optional.empty();
    }

    @Override
    public void recordPayment(String taskId, String agentId, long remaining) {
        payees.computeIfAbsent(taskId, t -> new HashSet<>()).add(agentId);
        Escrow escrow = escrows.get(taskId);
        escrows.put(taskId, new Escrow(taskId, escrow.accountId(), remaining, escrow.redundancy()));
        if (remaining == 0) {
            escrowStatus.put(taskId, "RELEASED");
        }
    }

    @Override
    public void refundEscrow(String taskId) {
        escrowStatus.put(taskId, "REFUNDED");
    }

    @Override
    public Set<String> payees(String taskId) {
        return payees.getOrDefault(taskId, Set.of());
    }

    @Override
    public long slashUnvested(String agentId, String eventId) {
        long total = 0;
        for (Accrual accrual : accruals) {
            if (!accrual.settled && accrual.agentId.equals(agentId)) {
                accrual.settled = true;
                total += accrual.amount;
            }
        }
        return total;
    }

    @Override
    public Optional<Head> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public List<EmissionSplit.Work> verifiedWorkSinceLatest() {
        return work.entrySet().stream()
                .map(w -> new EmissionSplit.Work(w.getKey().get(0), w.getKey().get(1), w.getValue()[0],
                        w.getValue()[1])).toList();
    }

    @Override
    public long feesSettledSinceLatest() {
        return feesSettled;
    }

    @Override
    public void accrue(long epoch, Map<String, Long> rewards) {
        rewards.forEach((agent, amount) -> accruals.add(new Accrual(epoch, agent, amount)));
    }

    @Override
    public Map<String, Long> vest(long accruedIn, long epoch) {
        Map<String, Long> vesting = new LinkedHashMap<>();
        for (Accrual accrual : accruals) {
            if (!accrual.settled && accrual.epoch == accruedIn) {
                accrual.settled = true;
                vesting.merge(accrual.agentId, accrual.amount, Long::sum);
            }
        }
        accruals.removeIf(a -> a.settled);
        return vesting;
    }

    @Override
    public Map<String, Long> balances() {
        return Collections.unmodifiableMap(balances);
    }

    @Override
    public void closed(EpochClosed epoch, String hash) {
        latest = new Head(epoch.getEpoch(), epoch.getClosedAt(), hash);
        work.clear();
        feesSettled = 0;
    }

    @Override
    public void emit(String key, SpecificRecord event) {
        emitted.add(event);
    }

    public long balance(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    /** Every escrow the ledger opened, with what it holds now (zero once released or refunded). */
    public Map<String, Escrow> escrows() {
        return Collections.unmodifiableMap(escrows);
    }

    /** OPEN, RELEASED or REFUNDED, by task. */
    public Map<String, String> escrowStatuses() {
        return Collections.unmodifiableMap(escrowStatus);
    }

    /** What the saga and the epoch close emitted since the last call. */
    public List<SpecificRecord> drainEmitted() {
        List<SpecificRecord> drained = List.copyOf(emitted);
        emitted.clear();
        return drained;
    }

    /** Everything that defines the ledger's state, for comparing before and after a redelivery. */
    public Map<String, Object> snapshot() {
        return Map.of("balances", new HashMap<>(balances), "escrows", new HashMap<>(escrowStatus),
                "emitted", emitted.size());
    }
}
