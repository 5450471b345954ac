package io.lode.events.metrics;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.codec.EventCodec;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.ledger.JudgeFee;
import io.lode.events.ledger.PaymentRefused;
import io.lode.events.ledger.Slashed;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskDisputed;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultHeld;
import io.lode.events.verdicts.ResultVerdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the network does, counted from the events each service publishes ({@link
 * io.lode.events.outbox.OutboxRelay#onPublished}: committed and on the broker, once). Every label has a bounded set
 * of values — a task's kind, a verdict and its method, an end's status and reason category — never an id.
 * Each service counts the events it produces: tasks in the orchestrator, verdicts in the verifier, money in the
 * reward service. Names in Prometheus form: {@code lode_tasks_submitted_total}, {@code lode_paid_to_agents_micros_total}…
 */
public final class EventMetrics {

    /** A counter without labels: a count of events, or a sum of micro-units. */
    private record Total(String name, String description, String baseUnit) {
        static Total count(String name, String description) {
            return new Total(name, description, null);
        }

        static Total micros(String name, String description) {
            return new Total(name, description, "micros");
        }
    }

    private static final Total HELD = Total.count("lode.results.held",
            "Answers held for review with their fee in escrow (optimistic payment)");
    private static final Total DISPUTED = Total.count("lode.tasks.disputed", "Held answers their consumers disputed");
    private static final Total ESCROWED = Total.micros("lode.escrowed.micros", "Micro-units escrowed from consumers");
    private static final Total ESCROW_REJECTED = Total.count("lode.escrow.rejected",
            "Tasks whose escrow the ledger refused (not enough credit)");
    private static final Total PAID_TO_AGENTS = Total.micros("lode.paid.to.agents.micros", "Micro-units paid to agents");
    private static final Total PROTOCOL_FEES = Total.micros("lode.protocol.fees.micros", "Micro-units of protocol fee");
    private static final Total PAID_TO_JUDGES = Total.micros("lode.paid.to.judges.micros", "Micro-units paid to judges");
    private static final Total REFUNDED = Total.micros("lode.refunded.micros", "Micro-units refunded to consumers");
    private static final Total PAYMENTS_REFUSED = Total.count("lode.payments.refused",
            "Payments the ledger refused (receipt missing or not verifying)");
    private static final Total SLASHED = Total.micros("lode.slashed.micros", "Micro-units of unvested rewards slashed");

    /** The totals each event type adds to: a service exposes those of the events it publishes from the start, at 0. */
    private static final Map<Class<? extends SpecificRecord>, List<Total>> TOTALS = Map.of(
            ResultHeld.class, List.of(HELD), TaskDisputed.class, List.of(DISPUTED),
            FeeEscrowed.class, List.of(ESCROWED), EscrowRejected.class, List.of(ESCROW_REJECTED),
            FeeReleased.class, List.of(PAID_TO_AGENTS, PROTOCOL_FEES, PAID_TO_JUDGES, REFUNDED),
            FeeRefunded.class, List.of(REFUNDED), PaymentRefused.class, List.of(PAYMENTS_REFUSED),
            Slashed.class, List.of(SLASHED));

    private final MeterRegistry registry;

    /** {@code published}: the event types this service publishes (its totals are exposed at 0 until they move). */
    public EventMetrics(MeterRegistry registry, Collection<Class<? extends SpecificRecord>> published) {
        this.registry = registry;
        published.stream().flatMap(type -> TOTALS.getOrDefault(type, List.of()).stream()).distinct()
                .forEach(total -> add(total, 0));
    }

    /** The event types {@link #record} counts, by simple name: only those are decoded again on the relay's thread. */
    private static final java.util.Set<String> COUNTED = java.util.Set.of("TaskSubmitted", "TaskCompleted",
            "TaskFailed", "TaskCanceled", "AgentResultReceived", "ResultVerdict", "ResultHeld", "TaskDisputed",
            "FeeEscrowed", "EscrowRejected", "FeeReleased", "FeeRefunded", "PaymentRefused", "Slashed");

    /** Counts one published event, given as its type and encoded payload; a type nothing counts is not decoded. */
    public void published(String type, byte[] payload) {
        if (COUNTED.contains(type)) {
            record(EventCodec.shared().decode(payload));
        }
    }

    public void record(SpecificRecord event) {
        if (event instanceof TaskSubmitted submitted) {
            count("lode.tasks.submitted", "Tasks submitted (kind: consumer or challenge)", "kind",
                    lower(submitted.getKind().name()));
        } else if (event instanceof TaskCompleted) {
            ended("COMPLETED", "verified");
        } else if (event instanceof TaskFailed failed) {
            ended("FAILED", failureReason(failed.getReason()));
        } else if (event instanceof TaskCanceled) {
            ended("CANCELED", "canceled");
        } else if (event instanceof AgentResultReceived result) {
            count("lode.agent.calls", "Calls of agents by outcome (OK, ERROR, TIMEOUT) and kind", "outcome",
                    result.getOutcome().name(), "kind", lower(result.getKind().name()));
        } else if (event instanceof ResultVerdict verdict) {
            count("lode.verdicts", "Verdicts by outcome, method and kind", "verdict", verdict.getVerdict().name(),
                    "method", verdict.getMethod(), "kind", lower(verdict.getKind().name()));
        } else if (event instanceof ResultHeld) {
            add(HELD, 1);
        } else if (event instanceof TaskDisputed) {
            add(DISPUTED, 1);
        } else if (event instanceof FeeEscrowed escrowed) {
            add(ESCROWED, escrowed.getAmount());
        } else if (event instanceof EscrowRejected) {
            add(ESCROW_REJECTED, 1);
        } else if (event instanceof FeeReleased released) {
            add(PAID_TO_AGENTS, released.getPaidToAgent());
            add(PROTOCOL_FEES, released.getProtocolFee());
            add(PAID_TO_JUDGES, released.getJudges().stream().mapToLong(JudgeFee::getAmount).sum());
            add(REFUNDED, released.getRefunded());
        } else if (event instanceof FeeRefunded refunded) {
            add(REFUNDED, refunded.getAmount());
        } else if (event instanceof PaymentRefused) {
            add(PAYMENTS_REFUSED, 1);
        } else if (event instanceof Slashed slashed) {
            add(SLASHED, slashed.getAmount());
        }
    }

    /**
     * A failed task's reason as one of a few categories: the orchestrator's reasons begin with these words (see
     * TaskEventHandler, Assignments, RedundantTasks, DispatchRecovery).
     */
    public static String failureReason(String reason) {
        String r = reason == null ? "" : reason;
        if (r.startsWith("escrow rejected")) {
            return "escrow-rejected";
        } else if (r.startsWith("no active agent") || r.startsWith("redundancy ")) {
            return "no-agent";
        } else if (r.startsWith("deadline passed")) {
            return "deadline";
        } else if (r.startsWith("result FAIL by protocol")) {
            return "agent-failed";
        } else if (r.startsWith("result FAIL") || r.startsWith("no answer was accepted")) {
            return "judged-fail";
        } else if (r.startsWith("result INCONCLUSIVE")) {
            return "inconclusive";
        }
        return "other";
    }

    private void ended(String status, String reason) {
        count("lode.tasks.ended", "Tasks that ended, by status and reason category", "status", status, "reason",
                reason);
    }

    private void count(String name, String description, String... tags) {
        Counter.builder(name).description(description).tags(tags).register(registry).increment();
    }

    private void add(Total total, long amount) {
        Counter.builder(total.name()).description(total.description()).baseUnit(total.baseUnit()).register(registry)
                .increment(amount);
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
