package io.lode.reward.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Topics;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.epochs.EpochClosed;
import io.lode.events.ledger.Deposited;
import io.lode.events.ledger.RewardAccrued;
import io.lode.events.ledger.RewardVested;
import io.lode.events.merkle.EpochChain;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCanceled;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.PanelMedian;
import io.lode.reward.audit.Difference.Kind;
import io.lode.reward.epoch.EpochClose;
import io.lode.reward.escrow.EscrowSaga;
import io.lode.reward.escrow.ForgedReceiptException;
import io.lode.reward.escrow.ReceiptCheck;
import io.lode.reward.escrow.Settlement;

/**
 * Runs the reward service's own domain code ({@link EscrowSaga}, {@link EpochClose}) again over the event log and
 * reports every place where the ledger and epoch streams say something else.
 *
 * <p>Order. The service applies its inputs (accounts, tasks, verdicts) as they arrive from several topics, so the
 * log alone does not say in which order it applied them; its outputs do. Every ledger event names the input that
 * caused it, and an input is replayed at the time of its first output. Conflicting ledger changes serialize on row
 * locks in the service, so their outputs' times follow the order they were applied in; the epoch close holds the
 * account table, so every ledger change of an epoch was published before its closedAt and every later one after.
 * An account opening and a consumer's submission always change the ledger and are replayed at their own time.
 * Other inputs without a ledger event changed nothing when the service applied them; they are replayed after
 * everything else, where a payment or refund the log lacks shows as missing: a task's escrow is closed by then.
 * A FAIL verdict is the exception: it slashes only if rewards were unvested at the time, which the end cannot tell;
 * a removed Slashed event shows in the next epoch's root and in the balances instead.
 */
public final class AuditReplay {

    private final EpochClose.Parameters parameters;
    private final ReceiptCheck receipts;

    /** {@code receipts} checks every verdict and every payment in the log (the verifier's published keys). */
    public AuditReplay(EpochClose.Parameters parameters, ReceiptCheck receipts) {
        this.parameters = parameters;
        this.receipts = receipts;
    }

    /** What a replay found: counts, the recomputed balances, and every difference in log order. */
    public record Report(long events, long replayed, long epochs, Map<String, Long> produced,
                         Map<String, Long> balances, List<Difference> differences) {
    }

    private enum StepKind { INPUT, DEPOSIT, CLOSE }

    private record Step(Instant at, StepKind kind, LoggedEvent trigger) {
    }

    /** A verdict or a payment in the log, with what its receipt must have signed. */
    private record Claim(LoggedEvent at, String what, ReceiptCheck.Judged judged) {
    }

    private static final Comparator<Step> ORDER = Comparator.comparing(Step::at).thenComparing(Step::kind)
            .thenComparing(s -> s.trigger().topic()).thenComparingInt(s -> s.trigger().partition())
            .thenComparingLong(s -> s.trigger().offset());

    public Report replay(List<LoggedEvent> log) {
        return new Run(log).execute();
    }

    /** One replay's state: the log indexed, the ledger recomputed, the differences found. */
    private final class Run {
        private final List<LoggedEvent> log;
        private final List<Difference> differences = new ArrayList<>();
        private final Map<String, List<LoggedEvent>> outputsByCause = new HashMap<>();
        private final Map<Long, List<LoggedEvent>> accruedIn = new HashMap<>();
        private final Map<Long, List<LoggedEvent>> vestedIn = new HashMap<>();
        private final List<LoggedEvent> outputs = new ArrayList<>();
        private final Set<LoggedEvent> accounted = new HashSet<>();
        private final Map<String, LoggedEvent> taskEnds = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();
        private final Map<String, Long> produced = new TreeMap<>();
        private final MemoryLedger ledger = new MemoryLedger();
        /** Each claim checked once, whether by {@link #checkReceipts} or by the saga paying it. */
        private final Map<ReceiptCheck.Judged, Optional<String>> checked = new ConcurrentHashMap<>();
        private final ReceiptCheck once = judged -> checked.computeIfAbsent(judged, receipts::problem);
        private final EscrowSaga saga = new EscrowSaga(new Settlement(parameters.protocolFeeBasisPoints()), once);
        private final EpochClose epochClose = new EpochClose(parameters);
        private EpochClosed previousPublished;
        private long epochs;

        Run(List<LoggedEvent> log) {
            this.log = log;
        }

        Report execute() {
            List<LoggedEvent> inputs = index(distinct(log));
            checkReceipts(inputs);
            checkPanels(inputs);
            List<LoggedEvent> deferred = new ArrayList<>();
            for (LoggedEvent input : inputs) {
                List<LoggedEvent> caused = outputsByCause.get(input.envelope().getEventId());
                if (caused != null) {
                    Instant first = caused.stream().map(e -> e.envelope().getOccurredAt()).min(Instant::compareTo)
                            .orElseThrow();
                    steps.add(new Step(first, StepKind.INPUT, input));
                } else if (alwaysChangesTheLedger(input.event())) {
                    steps.add(new Step(input.envelope().getOccurredAt(), StepKind.INPUT, input));
                } else if (!(input.event() instanceof ResultVerdict verdict && verdict.getVerdict() != Verdict.PASS)) {
                    deferred.add(input);
                }
            }
            steps.sort(ORDER);
            for (Step step : steps) {
                switch (step.kind()) {
                    case INPUT -> applyInput(step.trigger());
                    case DEPOSIT -> applyDeposit(step.trigger());
                    case CLOSE -> applyClose(step.trigger());
                }
            }
            deferred.sort(Comparator.comparing((LoggedEvent e) -> e.envelope().getOccurredAt()));
            deferred.forEach(this::applyInput);
            for (LoggedEvent output : outputs) {
                if (!accounted.contains(output)) {
                    differences.add(new Difference(Kind.UNEXPECTED, output.where(), "no such event (its cause "
                            + output.envelope().getCausationId() + " is not in the log)", LoggedEvent.content(
                            output.event())));
                }
            }
            taskEnds.forEach((taskId, end) -> {
                if (ledger.openEscrow(taskId).isPresent()) {
                    differences.add(new Difference(Kind.ESCROW_OPEN, end.where(), "escrow of " + taskId
                            + " closed when the task ended", "still holds " + ledger.openEscrow(taskId).get().amount()));
                }
            });
            return new Report(log.size(), steps.size() + deferred.size(), epochs, produced, ledger.balances(), differences);
        }

        /** Drops redeliveries (same id, same event); the same id with other contents is a difference. */
        private List<LoggedEvent> distinct(List<LoggedEvent> events) {
            Map<String, LoggedEvent> byId = new HashMap<>();
            List<LoggedEvent> distinct = new ArrayList<>(events.size());
            for (LoggedEvent event : events) {
                LoggedEvent first = byId.putIfAbsent(event.envelope().getEventId(), event);
                if (first == null) {
                    distinct.add(event);
                } else if (!first.event().equals(event.event())) {
                    differences.add(new Difference(Kind.DUPLICATE, event.where(), LoggedEvent.content(first.event())
                            + " (as at " + first.where() + ")", LoggedEvent.content(event.event())));
                }
            }
            return distinct;
        }

        /** Sorts the log into the service's inputs (returned), its outputs by cause, operator deposits and closes. */
        private List<LoggedEvent> index(List<LoggedEvent> events) {
            List<LoggedEvent> inputs = new ArrayList<>();
            for (LoggedEvent e : events) {
                SpecificRecord event = e.event();
                boolean output = e.topic().equals(Topics.Names.LEDGER) || e.topic().equals(Topics.Names.EPOCHS);
                if (!output) {
                    if (isInput(event)) {
                        inputs.add(e);
                    }
                    if (event instanceof TaskCompleted || event instanceof TaskFailed || event instanceof TaskCanceled) {
                        taskEnds.put(taskIdOf(event), e);
                    }
                    continue;
                }
                outputs.add(e);
                String cause = e.envelope().getCausationId();
                if (event instanceof EpochClosed closed) {
                    steps.add(new Step(closed.getClosedAt(), StepKind.CLOSE, e));
                } else if (event instanceof RewardAccrued accrued) {
                    accruedIn.computeIfAbsent(accrued.getEpoch(), n -> new ArrayList<>()).add(e);
                } else if (event instanceof RewardVested vested) {
                    vestedIn.computeIfAbsent(vested.getEpoch() + parameters.vestingEpochs(), n -> new ArrayList<>())
                            .add(e);
                } else if (event instanceof Deposited && cause == null) {
                    steps.add(new Step(e.envelope().getOccurredAt(), StepKind.DEPOSIT, e));
                } else if (cause != null) {
                    outputsByCause.computeIfAbsent(cause, c -> new ArrayList<>()).add(e);
                }
            }
            return inputs;
        }

        /**
         * Every verdict and every payment a completion names must carry a receipt the verifier's keys verify; the
         * saga refuses to pay for one that does not, and this says where it is and why. Signatures are the replay's
         * costliest step, so they are checked in parallel, and once each: a payment carries the receipt of the
         * verdict it cites, the same claim.
         */
        private void checkReceipts(List<LoggedEvent> inputs) {
            List<Claim> claims = new ArrayList<>();
            for (LoggedEvent input : inputs) {
                if (input.event() instanceof ResultVerdict verdict) {
                    claims.add(new Claim(input, "verdict " + verdict.getVerdict() + " for " + verdict.getAgentId()
                            + " on " + verdict.getTaskId(), ReceiptCheck.Judged.of(verdict)));
                } else if (input.event() instanceof TaskCompleted completed) {
                    for (Payment payment : completed.getPayments()) {
                        claims.add(new Claim(input, "payment of " + payment.getPrice() + " to "
                                + payment.getAgentId() + " for " + completed.getTaskId(), ReceiptCheck.Judged.of(
                                completed.getTaskId(), payment)));
                    }
                }
            }
            claims.parallelStream().map(Claim::judged).distinct().forEach(once::problem);
            for (Claim claim : claims) {
                checked.get(claim.judged()).ifPresent(problem -> differences.add(new Difference(Kind.FORGED,
                        claim.at().where(), claim.what() + " with a receipt the verifier's keys verify", problem)));
            }
        }

        /**
         * A panel verdict names every judge's score and weight: its score must be their weight-median and its verdict
         * the one the median implies (or INCONCLUSIVE), recomputed here with the verifier's own rule.
         */
        private void checkPanels(List<LoggedEvent> inputs) {
            for (LoggedEvent input : inputs) {
                if (!(input.event() instanceof ResultVerdict verdict) || !verdict.getMethod().equals("panel")
                        || verdict.getPanel().isEmpty()) {
                    continue;
                }
                double median = PanelMedian.of(ReceiptCheck.votes(verdict.getPanel()));
                String implied = PanelMedian.verdictOf(median);
                if (Math.abs(median - verdict.getScore()) > 1e-9 || !(implied.equals(verdict.getVerdict().name())
                        || verdict.getVerdict() == Verdict.INCONCLUSIVE)) {
                    differences.add(new Difference(Kind.PANEL, input.where(), "verdict " + implied + " at score "
                            + median + ", the weight-median of its " + verdict.getPanel().size() + " judges",
                            verdict.getVerdict() + " at score " + verdict.getScore()));
                }
            }
        }

        private void applyInput(LoggedEvent input) {
            try {
                saga.apply(input.event(), ledger);
            } catch (ForgedReceiptException forged) {
                // checkReceipts has reported it; the service dead-letters such an event and applies none of it
            } catch (RuntimeException refused) {
                differences.add(new Difference(Kind.REFUSED, input.where(), "an event the ledger can apply",
                        refused.getMessage()));
            }
            compare(input, ledger.drainEmitted(), outputsByCause.getOrDefault(input.envelope().getEventId(),
                    List.of()));
        }

        /** An operator's deposit has no cause in the log: it is replayed as the deposit it says it is. */
        private void applyDeposit(LoggedEvent logged) {
            Deposited deposit = (Deposited) logged.event();
            try {
                saga.deposit(ledger, logged.envelope().getEventId(), deposit.getAccountId(), deposit.getAmount(),
                        deposit.getReason());
            } catch (RuntimeException refused) {
                differences.add(new Difference(Kind.REFUSED, logged.where(), "a deposit the ledger can apply",
                        refused.getMessage()));
            }
            compare(logged, ledger.drainEmitted(), List.of(logged));
        }

        private void applyClose(LoggedEvent logged) {
            EpochClosed published = (EpochClosed) logged.event();
            String previousHash = previousPublished == null ? EpochChain.GENESIS : EpochChain.hash(previousPublished);
            if (!published.getPreviousHash().equals(previousHash)) {
                differences.add(new Difference(Kind.CHAIN, logged.where(), "epoch " + published.getEpoch()
                        + " names previousHash " + previousHash, published.getPreviousHash()));
            }
            previousPublished = published;
            epochs++;
            accounted.add(logged);
            EpochClosed recomputed = epochClose.close(ledger, published.getClosedAt());
            List<SpecificRecord> rewards = ledger.drainEmitted().stream().filter(e -> !(e instanceof EpochClosed))
                    .toList();
            count(List.of(recomputed));
            if (!LoggedEvent.content(recomputed).equals(LoggedEvent.content(published))) {
                differences.add(new Difference(Kind.EPOCH, logged.where(), LoggedEvent.content(recomputed),
                        LoggedEvent.content(published)));
            }
            List<LoggedEvent> publishedRewards = new ArrayList<>(accruedIn.getOrDefault(published.getEpoch(),
                    List.of()));
            publishedRewards.addAll(vestedIn.getOrDefault(published.getEpoch(), List.of()));
            compare(logged, rewards, publishedRewards);
        }

        /**
         * Matches what the domain code produced for one step with what the log has for it: equal contents pair up;
         * what is left over is missing, unexpected, or, one of a type on each side, altered.
         */
        private void compare(LoggedEvent trigger, List<SpecificRecord> expected, List<LoggedEvent> found) {
            count(expected);
            List<String> unmatched = new ArrayList<>(expected.stream().map(LoggedEvent::content).toList());
            List<LoggedEvent> extra = new ArrayList<>();
            for (LoggedEvent event : found) {
                accounted.add(event);
                if (!unmatched.remove(LoggedEvent.content(event.event()))) {
                    extra.add(event);
                }
            }
            for (LoggedEvent event : extra) {
                String type = event.event().getSchema().getName() + "{";
                String counterpart = unmatched.stream().filter(c -> c.startsWith(type)).findFirst().orElse(null);
                if (counterpart != null) {
                    unmatched.remove(counterpart);
                    differences.add(new Difference(Kind.ALTERED, event.where(), counterpart,
                            LoggedEvent.content(event.event())));
                } else {
                    differences.add(new Difference(Kind.UNEXPECTED, event.where(), "no such event from "
                            + trigger.where(), LoggedEvent.content(event.event())));
                }
            }
            for (String missing : unmatched) {
                differences.add(new Difference(Kind.MISSING, trigger.where(), missing, "nothing"));
            }
        }

        private void count(List<SpecificRecord> events) {
            events.forEach(e -> produced.merge(e.getSchema().getName(), 1L, Long::sum));
        }
    }

    private static boolean isInput(SpecificRecord event) {
        return event instanceof AccountOpened || event instanceof TaskSubmitted || event instanceof ResultVerdict
                || event instanceof TaskCompleted || event instanceof TaskFailed || event instanceof TaskCanceled;
    }

    /** An account opening and a consumer's submission change the ledger or emit a decision, whatever the state. */
    private static boolean alwaysChangesTheLedger(SpecificRecord event) {
        return event instanceof AccountOpened
                || event instanceof TaskSubmitted submitted && submitted.getKind() == TaskKind.CONSUMER;
    }

    private static String taskIdOf(SpecificRecord event) {
        return (String) event.get(event.getSchema().getField("taskId").pos());
    }
}
