package io.lode.reward.escrow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;

import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerTransaction;
import io.lode.reward.ledger.Posting;

/** The saga's store in memory, with the database's rules: balanced postings, only the mint below zero. */
final class InMemoryLedgerStore implements LedgerStore {

    final Set<String> processed = new HashSet<>();
    final Map<String, Long> balances = new HashMap<>();
    final Map<String, Accounts.Kind> kinds = new HashMap<>();
    final Map<String, Escrow> escrows = new HashMap<>();
    final Map<String, String> escrowStatus = new HashMap<>();
    final java.util.Set<String> payees = new java.util.HashSet<>();
    final Map<String, String> owners = new HashMap<>();
    final Map<String, Long> unvested = new HashMap<>();
    final List<SpecificRecord> emitted = new ArrayList<>();

    InMemoryLedgerStore() {
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
    public Optional<Long> lockBalance(String accountId) {
        return Optional.ofNullable(balances.get(accountId));
    }

    @Override
    public void record(String eventId, LedgerTransaction transaction) {
        Map<String, Long> after = new HashMap<>(balances);
        for (Posting posting : transaction.postings()) {
            if (!kinds.containsKey(posting.accountId())) {
                throw new IllegalStateException("posting to unknown account " + posting.accountId());
            }
            long balance = after.get(posting.accountId()) + posting.amount();
            if (balance < 0 && kinds.get(posting.accountId()) != Accounts.Kind.MINT) {
                throw new IllegalStateException(posting.accountId() + " would go below zero");
            }
            after.put(posting.accountId(), balance);
        }
        balances.putAll(after);
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
    public void setOwner(String accountId, String ownerAgentId) {
        owners.put(accountId, ownerAgentId);
    }

    @Override
    public Optional<Escrow> openEscrow(String taskId) {
        return "OPEN".equals(escrowStatus.get(taskId)) ? Optional.of(escrows.get(taskId)) : Optional.empty();
    }

    @Override
    public void recordPayment(String taskId, String agentId, long remaining) {
        payees.add(taskId + "/" + agentId);
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
    public java.util.Set<String> payees(String taskId) {
        return payees.stream().filter(p -> p.startsWith(taskId + "/")).map(p -> p.substring(taskId.length() + 1))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Rewards waiting to vest, by agent: what a test accrued; a slash takes them all. */
    @Override
    public long slashUnvested(String agentId, String eventId) {
        Long pending = unvested.remove(agentId);
        return pending == null ? 0 : pending;
    }

    @Override
    public void emit(String key, SpecificRecord event) {
        emitted.add(event);
    }

    /** Everything that defines the ledger's state, for comparing before and after a redelivery. */
    Map<String, Object> snapshot() {
        return Map.of("balances", new HashMap<>(balances), "escrows", new HashMap<>(escrowStatus),
                "emitted", emitted.size());
    }
}
