package io.lode.reward.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.Topic;
import io.lode.events.Topics;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.epoch.EpochClose;
import io.lode.identity.VerifierKeyring;
import io.lode.reward.escrow.EscrowSaga;
import io.lode.reward.escrow.ReceiptCheck;
import io.lode.reward.escrow.Settlement;

/**
 * A seeded network's event log, written the way the reward service writes it: the inputs (accounts, tasks,
 * verdicts, honeypot verdicts) and what the service's own domain code made of them (ledger events, epochs), each
 * on its topic and partition with the next offset. For the audit replay's tests and its benchmark.
 */
public final class SimulatedNetwork {

    private final Random random;
    private final EpochClose.Parameters parameters;
    private final MemoryLedger ledger = new MemoryLedger();
    private final SigningVerifier verifier = new SigningVerifier();
    private final EscrowSaga saga;
    private final EpochClose epochClose;
    private final List<LoggedEvent> log = new ArrayList<>();
    private final Map<String, Long> nextOffset = new HashMap<>();
    private Instant clock = Instant.parse("2026-11-01T00:00:00Z");

    public SimulatedNetwork(long seed, EpochClose.Parameters parameters) {
        this.random = new Random(seed);
        this.parameters = parameters;
        this.saga = new EscrowSaga(new Settlement(parameters.protocolFeeBasisPoints()),
                ReceiptCheck.against(verifier.keys()));
        this.epochClose = new EpochClose(parameters);
    }

    /**
     * {@code tasks} consumer tasks of {@code accounts} accounts served by {@code agents} agents, an epoch closed
     * every {@code tasksPerEpoch} tasks; about one task in ten fails its verdict and one agent in ten is caught by a
     * honeypot now and then.
     */
    public List<LoggedEvent> run(int accounts, int agents, int tasks, int tasksPerEpoch) {
        for (int a = 0; a < accounts; a++) {
            input(AccountOpened.newBuilder().setEnvelope(envelope("acc_" + a)).setAccountId("acc_" + a)
                    .setStartingCredits(100_000_000).build());
        }
        for (int t = 0; t < tasks; t++) {
            String task = "tsk_" + t;
            long maxPrice = 1_000 + random.nextInt(9_000);
            input(TaskSubmitted.newBuilder().setEnvelope(envelope(task)).setTaskId(task).setKind(TaskKind.CONSUMER)
                    .setAccountId("acc_" + random.nextInt(accounts)).setInput("what is 2 + 2?")
                    .setMaxPrice(maxPrice).setRedundancy(1).setDeadlineAt(clock.plusSeconds(30)).build());
            String agent = "agt_" + random.nextInt(agents);
            boolean pass = random.nextInt(10) != 0;
            ResultVerdict verdict = verdict(task, TaskKind.CONSUMER, agent, maxPrice / 2, pass);
            input(verdict);
            input(pass ? TaskCompleted.newBuilder().setEnvelope(envelope(task)).setTaskId(task)
                    .setAgentIds(List.of(agent)).setFeeCharged(maxPrice / 2)
                    .setPayments(List.of(SigningVerifier.paymentFor(verdict))).build()
                    : TaskFailed.newBuilder().setEnvelope(envelope(task)).setTaskId(task).setReason("wrong").build());
            if (random.nextInt(50) == 0) {
                input(verdict("hp_" + t, TaskKind.CHALLENGE, "agt_" + random.nextInt(Math.max(1, agents / 10)), 0,
                        false));
            }
            if ((t + 1) % tasksPerEpoch == 0) {
                tick();
                epochClose.close(ledger, clock);
                publish(ledger.drainEmitted());
            }
        }
        return log;
    }

    private ResultVerdict verdict(String task, TaskKind kind, String agent, long price, boolean pass) {
        return verifier.sign(ResultVerdict.newBuilder().setEnvelope(envelope(task)).setTaskId(task).setKind(kind)
                .setAgentId(agent).setPrice(price).setVerdict(pass ? Verdict.PASS : Verdict.FAIL)
                .setScore(pass ? 1 : 0).setMethod("arithmetic").build(), clock);
    }

    /** The input goes on its topic, then the service applies it and publishes what that caused. */
    private void input(SpecificRecord event) {
        append(event);
        saga.apply(event, ledger);
        publish(ledger.drainEmitted());
    }

    /** Each event gets its own microsecond, as events of a real network do: the replay orders by them. */
    private void publish(List<SpecificRecord> events) {
        for (SpecificRecord event : events) {
            tick();
            stamp(Envelopes.of(event));
            append(event);
        }
    }

    private void append(SpecificRecord event) {
        Topic topic = Topics.of(event.getClass());
        String key = Envelopes.of(event).getCorrelationId();
        int partition = Math.floorMod(key == null ? 0 : key.hashCode(), topic.partitions());
        long offset = nextOffset.merge(topic.name() + "/" + partition, 1L, Long::sum) - 1;
        log.add(new LoggedEvent(topic.name(), partition, offset, event));
    }

    private Envelope envelope(String correlationId) {
        tick();
        Envelope envelope = Envelopes.next("simulation", correlationId, null);
        stamp(envelope);
        return envelope;
    }

    /** The simulated clock's time instead of the machine's (generated records have no setters). */
    private void stamp(Envelope envelope) {
        envelope.put(envelope.getSchema().getField("occurredAt").pos(), clock);
    }

    private void tick() {
        clock = clock.plusNanos(1_000);
    }

    /** The keys the simulated verifier signed its receipts with, as {@code /v1/verifier/keys} would list them. */
    public VerifierKeyring verifierKeys() {
        return verifier.keys();
    }

    public EpochClose.Parameters parameters() {
        return parameters;
    }

    /** The balances the simulated service ended with. */
    public Map<String, Long> balances() {
        return ledger.balances();
    }
}
