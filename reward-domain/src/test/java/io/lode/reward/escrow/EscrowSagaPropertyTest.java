package io.lode.reward.escrow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.Random;
import java.util.stream.LongStream;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.audit.MemoryLedger;
import io.lode.reward.audit.Records;
import io.lode.reward.audit.SigningVerifier;
import io.lode.reward.ledger.Accounts;

/**
 * Random histories of accounts, submits (redundancy 1 to 3), verdicts, completions (naming payments, some with
 * forged receipts), failures, cancels and redeliveries, in any order, against the escrow saga: the ledger always
 * balances, supply equals what was deposited, no consumer goes below zero, every closed escrow is empty, no task
 * pays more agents than its redundancy or one agent twice, a redelivered event changes nothing, and the ledger agrees
 * with the task's terminal event — a task that ended failed or canceled charged nothing, a completed one charged
 * exactly its payments with good receipts, and no forged payment paid anyone. Each history comes from a seed, so a
 * failure names the seed that reproduces it.
 */
class EscrowSagaPropertyTest {

    private static final int HISTORIES = 500;
    private static final SigningVerifier VERIFIER = new SigningVerifier();
    private static final int MAX_STEPS = 60;

    private static final int ACCOUNTS = 3;
    private static final int TASKS = 4;
    private static final int AGENTS = 3;

    /** One step of a history; {@code a} to {@code d} are its parameters. */
    record Step(String kind, int a, int b, int c, int d) {
        Step(String kind, int a, int b, int c) {
            this(kind, a, b, c, 1);
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, HISTORIES);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theLedgerKeepsItsInvariantsWhateverHappens(long seed) {
        List<Step> history = history(new Random(seed));
        EscrowSaga saga = new EscrowSaga(new Settlement(500), ReceiptCheck.against(VERIFIER.keys()));
        Map<String, Long> charged = new HashMap<>();
        Map<String, Long> expectedCharge = new HashMap<>();
        Map<String, Integer> redundancy = new HashMap<>();
        MemoryLedger store = new MemoryLedger();
        List<SpecificRecord> delivered = new ArrayList<>();
        Map<Integer, Long> maxPrices = new HashMap<>();
        Set<String> openedAccounts = new HashSet<>();
        long deposited = 0;

        for (Step step : history) {
            SpecificRecord event = switch (step.kind()) {
                case "open" -> openedAccounts.add("acc_" + step.a()) ? opened(step.a(), step.b()) : null;
                case "submit" -> maxPrices.containsKey(step.a()) ? null
                        : submitted(step.a(), step.b(), step.c(), step.d(), maxPrices);
                case "verdict" -> maxPrices.containsKey(step.a()) ? verdict(step.a(), step.b(), step.c(), maxPrices) : null;
                case "complete" -> maxPrices.containsKey(step.a())
                        ? completed(step.a(), step.b(), step.c(), step.d(), maxPrices) : null;
                case "fail" -> failed(step.a());
                case "cancel" -> canceled(step.a());
                default -> delivered.isEmpty() ? null : delivered.get(step.a() % delivered.size());
            };
            if (event == null) {
                continue;
            }
            boolean redelivery = step.kind().equals("redeliver");
            Map<String, Object> before = store.snapshot();
            boolean settles = !redelivery && store.openEscrow(taskOf(event)).isPresent();
            if (event instanceof TaskSubmitted submitted) {
                redundancy.put(submitted.getTaskId(), submitted.getRedundancy());
            }
            saga.apply(event, store);
            for (SpecificRecord emitted : store.drainEmitted()) {
                if (emitted instanceof FeeReleased released) {
                    charged.merge(released.getTaskId(), released.getPaidToAgent() + released.getProtocolFee(),
                            Long::sum);
                    assertThat(released.getAgentId()).as("a forged payment pays nobody").doesNotStartWith("forged");
                }
            }
            if (settles && (event instanceof TaskFailed || event instanceof TaskCanceled)) {
                expectedCharge.put(taskOf(event), 0L);
            } else if (settles && event instanceof TaskCompleted completed) {
                expectedCharge.put(completed.getTaskId(), honestCharge(completed,
                        redundancy.get(completed.getTaskId()), maxPrices, taskNumber(completed.getTaskId())));
            }
            if (redelivery) {
                assertThat(store.snapshot()).as("a redelivered event changes nothing").isEqualTo(before);
            } else {
                delivered.add(event);
                if (event instanceof AccountOpened opened) {
                    deposited += opened.getStartingCredits();
                }
            }
            assertInvariants(store, deposited);
        }
        expectedCharge.forEach((task, expected) -> assertThat(charged.getOrDefault(task, 0L))
                .as("what %s charged, by its terminal event", task).isEqualTo(expected));
    }

    /** What an honest completion's payments cost: distinct agents with good receipts, up to the redundancy. */
    private static long honestCharge(TaskCompleted completed, int redundancy, Map<Integer, Long> maxPrices, int task) {
        Set<String> paid = new HashSet<>();
        long total = 0;
        long escrow = maxPrices.get(task) * redundancy;
        for (Payment payment : completed.getPayments()) {
            if (!payment.getAgentId().startsWith("forged") && paid.size() < redundancy
                    && payment.getPrice() <= escrow - total && paid.add(payment.getAgentId())) {
                total += payment.getPrice();
            }
        }
        return total;
    }

    private static String taskOf(SpecificRecord event) {
        org.apache.avro.Schema.Field field = event.getSchema().getField("taskId");
        return field == null ? "" : (String) event.get(field.pos());
    }

    private static int taskNumber(String taskId) {
        return Integer.parseInt(taskId.substring("tsk_".length()));
    }

    private static void assertPayees(MemoryLedger store) {
        store.escrows().forEach((task, escrow) -> assertThat(store.payees(task).size()).as("agents paid for " + task)
                .isLessThanOrEqualTo(escrow.redundancy()));
    }

    private static void assertInvariants(MemoryLedger store, long deposited) {
        assertThat(store.balances().values().stream().mapToLong(Long::longValue).sum()).as("postings balance").isZero();
        assertThat(-store.balance(Accounts.MINT)).as("supply = minted + deposited").isEqualTo(deposited);
        store.balances().forEach((account, balance) -> {
            if (!account.equals(Accounts.MINT)) {
                assertThat(balance).as(account).isNotNegative();
            }
        });
        store.escrowStatuses().forEach((task, status) -> {
            long inEscrow = store.balance(Accounts.escrowOf(task));
            assertThat(inEscrow).as("escrow of %s (%s)", task, status)
                    .isEqualTo(status.equals("OPEN") ? store.escrows().get(task).amount() : 0);
        });
        assertPayees(store);
    }

    /** Weighted like a busy network: more submits, verdicts and redeliveries than failures and cancels. */
    static List<Step> history(Random random) {
        List<Step> steps = new ArrayList<>();
        int length = 1 + random.nextInt(MAX_STEPS);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(16);
            steps.add(pick < 3 ? new Step("open", random.nextInt(ACCOUNTS), random.nextInt(10_001), 0)
                    : pick < 7 ? new Step("submit", random.nextInt(TASKS), random.nextInt(ACCOUNTS + 1),
                            1 + random.nextInt(3_000), 1 + random.nextInt(3))
                    : pick < 11 ? new Step("verdict", random.nextInt(TASKS), random.nextInt(AGENTS * 2 + 1),
                            random.nextInt(101))
                    : pick < 12 ? (random.nextBoolean() ? new Step("fail", random.nextInt(TASKS), 0, 0)
                            : new Step("complete", random.nextInt(TASKS), random.nextInt(1 << (2 * (AGENTS + 1))),
                            random.nextInt(101), random.nextInt(1_000)))
                    : pick < 13 ? new Step("cancel", random.nextInt(TASKS), 0, 0)
                    : new Step("redeliver", random.nextInt(1_000), 0, 0));
        }
        return steps;
    }

    private static AccountOpened opened(int account, int credits) {
        return AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", "acc_" + account, null))
                .setAccountId("acc_" + account).setStartingCredits(credits).build();
    }

    /** account == ACCOUNTS submits for an account that was never opened. */
    private static TaskSubmitted submitted(int task, int account, int maxPrice, int redundancy,
                                           Map<Integer, Long> maxPrices) {
        maxPrices.put(task, (long) maxPrice);
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", "tsk_" + task, null))
                .setTaskId("tsk_" + task).setKind(TaskKind.CONSUMER).setAccountId("acc_" + account).setInput("q")
                .setMaxPrice(maxPrice).setRedundancy(redundancy)
                .setDeadlineAt(Instant.parse("2026-01-01T00:00:00Z").truncatedTo(ChronoUnit.MICROS)).build();
    }

    /**
     * outcome < AGENTS: PASS by agent {@code outcome}; otherwise FAIL (slashing if that agent was paid). Signed like
     * the verifier's; a PASS verdict alone moves no money. The price never exceeds maxPrice.
     */
    private static ResultVerdict verdict(int task, int outcome, int percent, Map<Integer, Long> maxPrices) {
        boolean pass = outcome < AGENTS;
        return VERIFIER.sign(ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", "tsk_" + task, null))
                .setTaskId("tsk_" + task).setKind(TaskKind.CONSUMER).setAgentId("agt_" + (outcome % AGENTS))
                .setPrice(maxPrices.get(task) * percent / 100).setVerdict(pass ? Verdict.PASS : Verdict.FAIL)
                .setScore(pass ? 1 : 0).setMethod("test").build(), Instant.EPOCH.plusSeconds(1));
    }

    /**
     * A completion naming payments: two bits per agent of {@code mask} say whether it is named and whether its
     * payment is forged (the agent id "forged…", with the receipt of another agent's verdict, or none); prices are a
     * share of maxPrice, so a redundant task's payments may exceed what is left in escrow.
     */
    private static TaskCompleted completed(int task, int mask, int percent, int salt, Map<Integer, Long> maxPrices) {
        List<Payment> payments = new ArrayList<>();
        for (int agent = 0; agent <= AGENTS; agent++) {
            int bits = (mask >> (2 * agent)) & 3;
            if ((bits & 1) == 0) {
                continue;
            }
            long price = maxPrices.get(task) * ((percent + 37L * agent + salt) % 101) / 100;
            ResultVerdict honest = VERIFIER.sign(ResultVerdict.newBuilder()
                    .setEnvelope(Envelopes.next("test", "tsk_" + task, null)).setTaskId("tsk_" + task)
                    .setKind(TaskKind.CONSUMER).setAgentId("agt_" + (agent % AGENTS)).setPrice(price)
                    .setVerdict(Verdict.PASS).setScore(1).setMethod("test").build(), Instant.EPOCH.plusSeconds(1));
            Payment payment = SigningVerifier.paymentFor(honest);
            payments.add((bits & 2) == 0 ? payment : Records.with(Records.with(payment, "agentId",
                    "forged_" + agent), "receipt", salt % 2 == 0 ? null : payment.getReceipt()));
        }
        return TaskCompleted.newBuilder().setEnvelope(Envelopes.next("test", "tsk_" + task, null))
                .setTaskId("tsk_" + task).setAgentIds(payments.stream().map(Payment::getAgentId).toList())
                .setFeeCharged(payments.stream().mapToLong(Payment::getPrice).sum()).setPayments(payments).build();
    }

    private static TaskFailed failed(int task) {
        return TaskFailed.newBuilder().setEnvelope(Envelopes.next("test", "tsk_" + task, null))
                .setTaskId("tsk_" + task).setReason("test").build();
    }

    private static TaskCanceled canceled(int task) {
        return TaskCanceled.newBuilder().setEnvelope(Envelopes.next("test", "tsk_" + task, null))
                .setTaskId("tsk_" + task).build();
    }
}
