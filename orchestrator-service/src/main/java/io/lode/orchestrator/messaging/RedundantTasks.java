package io.lode.orchestrator.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskResultsCollected;
import io.lode.events.verdicts.Receipt;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.orchestrator.task.Task;
import io.lode.orchestrator.task.TaskRepository;
import io.lode.orchestrator.task.TaskStatus;

/**
 * The life of a task with redundancy k > 1, on the parent row (callers hold its lock). Its k calls run as child
 * rows through the ordinary dispatch path; once every call has its result, TaskResultsCollected lets the verifier
 * compare the answers. Each answer's verdict settles its call; when all are settled the task completes with the
 * best accepted answer (fee: the sum of the accepted agents' prices) or fails when none was accepted. An answer is
 * accepted unless it was judged FAIL (the charging rule): answers that neither agree nor disagree (INCONCLUSIVE)
 * were delivered and are paid, and the task completes INCONCLUSIVE.
 */
final class RedundantTasks {

    private final TaskRepository tasks;
    private final Connection connection;

    RedundantTasks(TaskRepository tasks, Connection connection) {
        this.tasks = tasks;
        this.connection = connection;
    }

    /** A call has its final result (an answer, or a failure with no retry left). */
    void callFinished(Task parent) throws SQLException {
        List<Task> calls = tasks.children(parent.taskId());
        if (parent.status() != TaskStatus.DISPATCHED || calls.stream().anyMatch(RedundantTasks::stillCalling)) {
            return;
        }
        tasks.collected(parent.taskId());
        List<String> answered = calls.stream().filter(c -> c.output() != null).map(Task::agentId).toList();
        Outbox.append(connection, parent.taskId(), TaskResultsCollected.newBuilder()
                .setEnvelope(TaskEventHandler.next(parent.taskId(), null)).setTaskId(parent.taskId())
                .setAgentIds(answered).build());
    }

    void verdictReached(Task parent, ResultVerdict verdict) throws SQLException {
        if (parent.status().isTerminal()) {
            return;
        }
        Optional<Task> call = tasks.children(parent.taskId()).stream()
                .filter(c -> c.status() == TaskStatus.RESULT_RECEIVED && verdict.getAgentId().equals(c.agentId()))
                .findFirst();
        if (call.isEmpty()) {
            return; // a verdict on an earlier attempt of a call that has been retried
        }
        boolean passed = verdict.getVerdict() != Verdict.FAIL;
        long fee = passed && parent.kind().equals(TaskKind.CONSUMER.name()) ? verdict.getPrice() : 0;
        tasks.judgeCall(call.get().taskId(), passed ? TaskStatus.COMPLETED : TaskStatus.FAILED,
                verdict.getVerdict().name(), verdict.getMethod(), verdict.getScore(),
                String.join("; ", verdict.getEvidence()), fee, TaskRepository.receiptJson(verdict));
        List<Task> calls = tasks.children(parent.taskId());
        if (calls.stream().allMatch(c -> c.status().isTerminal())) {
            decide(parent, calls, verdict);
        }
    }

    private void decide(Task parent, List<Task> calls, ResultVerdict last) throws SQLException {
        List<Task> accepted = calls.stream().filter(c -> c.verdict() != null && !Verdict.FAIL.name().equals(c.verdict()))
                .sorted(Comparator.comparing((Task c) -> !Verdict.PASS.name().equals(c.verdict()))
                        .thenComparing((Task c) -> -c.verdictScore()).thenComparing(Task::agentId)).toList();
        if (accepted.isEmpty()) {
            String reason = "no answer was accepted: " + calls.stream().map(c -> c.agentId() + " "
                    + (c.verdict() == null ? "no verdict" : c.verdict() + " by " + c.verdictMethod()
                    + (c.verdictEvidence() == null ? "" : " (" + c.verdictEvidence() + ")")))
                    .collect(Collectors.joining("; "));
            tasks.recordVerdict(parent.taskId(), TaskStatus.FAILED, Verdict.FAIL.name(), last.getMethod(), 0,
                    reason, 0L, reason, null);
            Outbox.append(connection, parent.taskId(), TaskFailed.newBuilder()
                    .setEnvelope(TaskEventHandler.next(parent.taskId(), last.getEnvelope()))
                    .setTaskId(parent.taskId()).setReason(reason).build());
            return;
        }
        Task best = accepted.get(0);
        long fee = accepted.stream().mapToLong(Task::feeCharged).sum();
        boolean paid = parent.kind().equals(TaskKind.CONSUMER.name());
        Map<String, Receipt> receipts = paid ? tasks.callReceipts(parent.taskId()) : Map.of();
        List<Payment> payments = !paid ? List.of() : accepted.stream().map(c -> Payment.newBuilder()
                .setAgentId(c.agentId()).setPrice(c.feeCharged()).setVerdict(Verdict.valueOf(c.verdict()))
                .setScore(c.verdictScore()).setMethod(c.verdictMethod()).setReceipt(receipts.get(c.agentId()))
                .build()).toList();
        tasks.adoptResult(parent.taskId(), best);
        tasks.recordVerdict(parent.taskId(), TaskStatus.COMPLETED, best.verdict(), best.verdictMethod(),
                best.verdictScore(), accepted.size() + " of " + calls.size() + " answers accepted", fee, null,
                best.verdictReceipt());
        Outbox.append(connection, parent.taskId(), TaskCompleted.newBuilder()
                .setEnvelope(TaskEventHandler.next(parent.taskId(), last.getEnvelope())).setTaskId(parent.taskId())
                .setAgentIds(accepted.stream().map(Task::agentId).toList()).setFeeCharged(fee)
                .setPayments(payments).build());
    }

    private static boolean stillCalling(Task call) {
        return call.status() == TaskStatus.ESCROWED || call.status() == TaskStatus.DISPATCHED;
    }
}
