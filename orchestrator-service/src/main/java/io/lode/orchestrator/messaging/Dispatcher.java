package io.lode.orchestrator.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.orchestrator.a2a.A2aClient;
import io.lode.orchestrator.task.Task;
import io.lode.orchestrator.task.TaskRepository;
import io.lode.orchestrator.task.TaskStatus;
import io.lode.orchestrator.task.TaskWaiters;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Calls the agent of a dispatched task and records what came back (answer, error or timeout) as
 * AgentResultReceived. Runs after the dispatch committed; a call lost with a crashed process is found again by
 * {@link DispatchRecovery}.
 */
@ApplicationScoped
public class Dispatcher {

    private final DataSource dataSource;
    private final A2aClient a2a;
    private final TaskWaiters waiters;
    private final Vertx vertx;

    public Dispatcher(DataSource dataSource, A2aClient a2a, TaskWaiters waiters, Vertx vertx) {
        this.dataSource = dataSource;
        this.a2a = a2a;
        this.waiters = waiters;
        this.vertx = vertx;
    }

    public void dispatch(String taskId) {
        Optional<Task> found = load(taskId);
        if (found.isEmpty() || found.get().status() != TaskStatus.DISPATCHED) {
            return;
        }
        Task task = found.get();
        waiters.changed(taskId);
        Duration remaining = Duration.between(Instant.now(), task.deadlineAt());
        if (remaining.isNegative() || remaining.isZero()) {
            return;
        }
        long started = System.nanoTime();
        a2a.send(task.endpoint(), task.protocolVersion(), task.input(), remaining).whenComplete((exchange, error) ->
                vertx.executeBlocking(() -> {
                    long latencyMicros = (System.nanoTime() - started) / 1_000;
                    record(task, exchange, error, latencyMicros);
                    return null;
                }, false).onFailure(e -> Log.errorf(e, "could not record the result of task %s", taskId)));
    }

    private void record(Task task, A2aClient.Exchange exchange, Throwable error, long latencyMicros) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        CallOutcome outcome = cause == null ? CallOutcome.OK
                : cause instanceof TimeoutException ? CallOutcome.TIMEOUT : CallOutcome.ERROR;
        String message = cause == null ? null : cause.getMessage();
        if (cause != null) {
            Log.infof("agent %s failed task %s: %s", task.agentId(), task.taskId(), message);
        }
        recordResult(task, exchange, outcome, message, latencyMicros);
        waiters.changed(task.taskId());
    }

    @Transactional
    void recordResult(Task task, A2aClient.Exchange exchange, CallOutcome outcome, String error, long latencyMicros) {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            String output = exchange == null ? null : exchange.answer();
            if (!tasks.recordResult(task.taskId(), output, output == null ? null : "text/plain", latencyMicros, error)) {
                return;
            }
            Outbox.append(connection, task.taskId(), AgentResultReceived.newBuilder()
                    .setEnvelope(TaskEventHandler.next(task.taskId(), null))
                    .setTaskId(task.taskId()).setKind(TaskKind.valueOf(task.kind())).setAgentId(task.agentId())
                    .setAccountId(task.accountId()).setPrice(task.price()).setInput(task.input())
                    .setOutcome(outcome).setOutput(output).setMediaType(output == null ? null : "text/plain")
                    .setError(error).setLatencyMicros(latencyMicros)
                    .setRequestDigest(exchange == null ? "" : sha256(exchange.request()))
                    .setResponseDigest(exchange == null ? null : sha256(exchange.reply()))
                    .build());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the result of task " + task.taskId(), e);
        }
    }

    private Optional<Task> load(String taskId) {
        try (Connection connection = dataSource.getConnection()) {
            return new TaskRepository(connection).find(taskId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load task " + taskId, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
