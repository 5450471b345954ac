package io.lode.reward.escrow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.LedgerTransaction;
import io.lode.reward.ledger.Posting;

/**
 * The money rules of a task, as pure functions: reserve the fee, pay a verified result, refund the rest.
 * Every function closes or opens exactly one escrow and returns a balanced transaction.
 */
public final class Settlement {

    private static final long BASIS_POINTS = 10_000;

    /**
     * The share of a price the judges who passed it are paid (25 %, what the review simulation measures costs with):
     * a protocol constant, not a setting, so that every auditor replays the same ledger.
     */
    public static final long JUDGES_BASIS_POINTS = 2_500;

    private final long protocolFeeBasisPoints;

    public Settlement(long protocolFeeBasisPoints) {
        if (protocolFeeBasisPoints < 0 || protocolFeeBasisPoints > BASIS_POINTS) {
            throw new IllegalArgumentException("protocol fee must be 0..10000 basis points");
        }
        this.protocolFeeBasisPoints = protocolFeeBasisPoints;
    }

    /** Amount to reserve for a task: the most the consumer agreed to pay, once per redundant agent. */
    public static long reserveFor(long maxPrice, int redundancy) {
        if (maxPrice <= 0 || redundancy <= 0) {
            throw new IllegalArgumentException("maxPrice and redundancy must be positive");
        }
        return Math.multiplyExact(maxPrice, redundancy);
    }

    public LedgerTransaction escrow(String taskId, String consumer, long amount) {
        return new LedgerTransaction("ESCROW", taskId, null, List.of(
                new Posting(consumer, -amount), new Posting(Accounts.escrowOf(taskId), amount)));
    }

    /**
     * Pays {@code price} out of the escrow to one of a redundant task's agents, minus the protocol fee and the
     * {@code judges}' fee; the rest stays in escrow for the other agents, and is refunded when the task ends.
     */
    public Release pay(Escrow escrow, String agentId, long price, List<String> judges) {
        return paid(escrow, agentId, price, judges, false);
    }

    /**
     * Pays {@code price} out of the escrow to the agent, minus the protocol fee and the {@code judges}' fee, and
     * refunds the remainder.
     */
    public Release release(Escrow escrow, String agentId, long price, List<String> judges) {
        return paid(escrow, agentId, price, judges, true);
    }

    private Release paid(Escrow escrow, String agentId, long price, List<String> judges, boolean closing) {
        if (price < 0 || price > escrow.amount()) {
            throw new IllegalArgumentException("price " + price + " outside the escrow of " + escrow.amount());
        }
        long fee = protocolFee(price);
        long perJudge = judges.isEmpty() ? 0 : Math.min(judgesFee(price), price - fee) / judges.size();
        Map<String, Long> judgesPaid = new LinkedHashMap<>();
        judges.forEach(judge -> judgesPaid.put(judge, perJudge));
        long toAgent = price - fee - perJudge * judges.size();
        long refund = closing ? escrow.amount() - price : 0;
        List<Posting> postings = new ArrayList<>();
        postings.add(new Posting(Accounts.escrowOf(escrow.taskId()), -(price + refund)));
        postings.add(new Posting(agentId, toAgent));
        postings.add(new Posting(Accounts.TREASURY, fee));
        judgesPaid.forEach((judge, amount) -> postings.add(new Posting(judge, amount)));
        postings.add(new Posting(escrow.accountId(), refund));
        return new Release(new LedgerTransaction("RELEASE", escrow.taskId(), agentId, postings), toAgent, fee,
                refund, perJudge == 0 ? Map.of() : judgesPaid);
    }

    public LedgerTransaction refund(Escrow escrow, String reason) {
        return new LedgerTransaction("REFUND", escrow.taskId(), reason, List.of(
                new Posting(Accounts.escrowOf(escrow.taskId()), -escrow.amount()),
                new Posting(escrow.accountId(), escrow.amount())));
    }

    public LedgerTransaction deposit(String accountId, long amount, String reason) {
        return new LedgerTransaction("DEPOSIT", null, reason, List.of(
                new Posting(Accounts.MINT, -amount), new Posting(accountId, amount)));
    }

    /** Mints an epoch's emission into the agents' unvested accounts; the rounding dust goes to the treasury. */
    public LedgerTransaction emission(long epoch, Map<String, Long> rewards, long dust) {
        List<Posting> postings = new ArrayList<>();
        long total = dust;
        for (Map.Entry<String, Long> reward : rewards.entrySet()) {
            postings.add(new Posting(Accounts.unvestedOf(reward.getKey()), reward.getValue()));
            total += reward.getValue();
        }
        postings.add(new Posting(Accounts.TREASURY, dust));
        postings.add(new Posting(Accounts.MINT, -total));
        return new LedgerTransaction("EMISSION", null, "epoch " + epoch, postings);
    }

    /** Moves vested rewards from the unvested accounts to the agents. */
    public LedgerTransaction vesting(long epoch, Map<String, Long> vested) {
        List<Posting> postings = new ArrayList<>();
        vested.forEach((agent, amount) -> {
            postings.add(new Posting(Accounts.unvestedOf(agent), -amount));
            postings.add(new Posting(agent, amount));
        });
        return new LedgerTransaction("VEST", null, "epoch " + epoch, postings);
    }

    /** Takes the agent's rewards that have not vested yet to the treasury, for the reason given. */
    public LedgerTransaction slash(String agentId, long amount, String taskId, String reason) {
        return new LedgerTransaction("SLASH", taskId, reason, List.of(
                new Posting(Accounts.unvestedOf(agentId), -amount), new Posting(Accounts.TREASURY, amount)));
    }

    /**
     * What the judges of a panel that passed the work share ({@value #JUDGES_BASIS_POINTS} basis points of its
     * price, rounded down), equally, before the agent is paid the rest.
     */
    static long judgesFee(long price) {
        return Math.multiplyExact(price, JUDGES_BASIS_POINTS) / BASIS_POINTS;
    }

    /**
     * The protocol's share of a price, rounded up: rounding down let prices below 10,000 / basis points (20 at 5 %)
     * pay no fee at all, so an agent could pay itself for reputation for free. Never more than the price.
     */
    long protocolFee(long price) {
        return (Math.multiplyExact(price, protocolFeeBasisPoints) + BASIS_POINTS - 1) / BASIS_POINTS;
    }

    /**
     * An open escrow: what the consumer reserved for one task (maxPrice · redundancy), less what it has paid so
     * far.
     */
    public record Escrow(String taskId, String accountId, long amount, int redundancy) {
    }

    /** The outcome of paying a verified result: what the agent, the treasury, the consumer and each judge got. */
    public record Release(LedgerTransaction transaction, long paidToAgent, long protocolFee, long refunded,
                          Map<String, Long> judgesPaid) {
    }
}
