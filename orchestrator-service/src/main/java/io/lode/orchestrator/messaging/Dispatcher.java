package io.lode.orchestrator.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.CallOutcome;
import io.lode.events.tasks.TaskKind;
import io.lode.identity.AgentId;
import io.lode.orchestrator.OrchestratorConfig;
import io.lode.orchestrator.a2a.A2aClient;
import io.lode.orchestrator.a2a.AgentGuards;
import io.lode.orchestrator.routing.AgentDirectory;
import io.lode.orchestrator.routing.Assignments;
import io.lode.orchestrator.routing.Router;
import io.lode.orchestrator.task.Task;
import io.lode.orchestrator.task.TaskRepository;
import io.lode.orchestrator.task.TaskStatus;
import io.lode.orchestrator.task.TaskWaiters;
import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import jakarta.transaction.Transactional;

/**
 * Calls the agent of a dispatched task under its guard (concurrency cap, circuit breaker) and records what came
 * back (answer, error or timeout) as AgentResultReceived. A consumer task whose call failed is sent once more,
 * to the next-best agent, while enough of its deadline is left; otherwise the failure goes to the verifier and
 * the task fails with a refund. Runs after the dispatch committed; a call lost with a crashed process is found
 * again by {@link DispatchRecovery}.
 */
@ApplicationScoped
public class Dispatcher {

    private final DataSource dataSource;
    private final A2aClient a2a;
    private final AgentGuards guards;
    private final Assignments assignments;
    private final OrchestratorConfig config;
    private final TaskWaiters waiters;
    private final Vertx vertx;

    public Dispatcher(DataSource dataSource, A2aClient a2a, AgentGuards guards, Assignments assignments,
                      OrchestratorConfig config, TaskWaiters waiters, Vertx vertx) {
        this.dataSource = dataSource;
        this.a2a = a2a;
        this.guards = guards;
        this.assignments = assignments;
        this.config = config;
        this.waiters = waiters;
        this.vertx = vertx;
    }

    public void dispatch(String taskId) {
        Optional<Task> found = load(taskId);
        if (found.isEmpty() || found.get().status() != TaskStatus.DISPATCHED) {
            return;
        }
        Task task = found.get();
        waiters.changed(task.publicId());
        Duration remaining = Duration.between(Instant.now(), task.deadlineAt());
        if (remaining.isNegative() || remaining.isZero()) {
            return;
        }
        Duration budget = callBudget(task, remaining);
        long started = System.nanoTime();
        PartialAnswers partials = new PartialAnswers(vertx, text -> {
            recordPartial(task, text);
            waiters.changed(task.publicId());
        });
        // The trace this call belongs to goes on with its result on another thread (never to the agent itself).
        String trace = io.lode.events.outbox.TraceContext.current();
        guards.call(task.agentId(), () -> a2a.send(task.endpoint(), task.protocolVersion(), task.streaming(),
                        task.input(), task.inputData(), budget, partials))
                .whenComplete((exchange, error) -> {
                    long latencyMicros = (System.nanoTime() - started) / 1_000;
                    partials.written().thenRun(() -> vertx.executeBlocking(() -> {
                        record(task, exchange, error, latencyMicros, trace);
                        return null;
                    }, false).onFailure(e -> Log.errorf(e, "could not record the result of task %s", taskId)));
                });
    }

    /** Text a streaming agent sent so far, for the consumer's event stream; nothing once the attempt is over. */
    @Transactional
    void recordPartial(Task attempted, String text) {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            // Locks in the order recordAttempt takes them: the parent first.
            if (attempted.isChild()) {
                tasks.lock(attempted.parentTaskId());
            }
            Optional<Task> current = tasks.lock(attempted.taskId());
            if (current.isPresent() && current.get().status() == TaskStatus.DISPATCHED
                    && current.get().attempt() == attempted.attempt()) {
                tasks.recordPartial(attempted.taskId(), attempted.attempt(), text);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a partial answer of task " + attempted.taskId(), e);
        }
    }

    private void record(Task task, A2aClient.Exchange exchange, Throwable error, long latencyMicros, String trace) {
        // on a worker thread of its own: the lines recording this call name its task and agent, and what it writes
        // continues the task's trace
        try (io.lode.events.consume.EventContext context = io.lode.events.consume.EventContext.of(task.publicId(),
                task.agentId(), trace)) {
            recordCall(task, exchange, error, latencyMicros);
        }
    }

    private void recordCall(Task task, A2aClient.Exchange exchange, Throwable error, long latencyMicros) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        CallOutcome outcome = cause == null ? CallOutcome.OK
                : cause instanceof TimeoutException ? CallOutcome.TIMEOUT : CallOutcome.ERROR;
        String message = cause == null ? null : describe(cause);
        if (cause != null) {
            Log.infof("agent %s failed task %s (attempt %d): %s", task.agentId(), task.taskId(), task.attempt(),
                    message);
        }
        boolean retried = recordAttempt(task, exchange, outcome, message, latencyMicros);
        waiters.changed(task.publicId());
        if (retried) {
            dispatch(task.taskId());
        }
    }

    /** Records the attempt; true if the task was sent on to another agent (to be called after this commit). */
    @Transactional
    boolean recordAttempt(Task attempted, A2aClient.Exchange exchange, CallOutcome outcome, String error,
                          long latencyMicros) {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            // The parent first: its verdict handling locks it before its calls, so the order is always the same.
            Optional<Task> parent = attempted.isChild() ? tasks.lock(attempted.parentTaskId()) : Optional.empty();
            if (parent.isPresent() && parent.get().status().isTerminal()) {
                return false; // the task was canceled or expired meanwhile
            }
            Optional<Task> current = tasks.lock(attempted.taskId());
            if (current.isEmpty() || current.get().status() != TaskStatus.DISPATCHED
                    || current.get().attempt() != attempted.attempt()) {
                return false; // expired, canceled or already recorded meanwhile
            }
            Task task = current.get();
            tasks.finishAttempt(task.taskId(), task.attempt(), outcome.name(), error, latencyMicros);
            String output = exchange == null || outcome != CallOutcome.OK ? null : exchange.answer();
            Outbox.append(connection, task.publicId(), AgentResultReceived.newBuilder()
                    .setEnvelope(TaskEventHandler.next(task.publicId(), null))
                    .setTaskId(task.publicId()).setKind(TaskKind.valueOf(task.kind())).setAgentId(task.agentId())
                    .setAccountId(task.accountId()).setPrice(task.price()).setInput(task.input())
                    .setOutcome(outcome).setOutput(output).setMediaType(output == null ? null : "text/plain")
                    .setError(error).setLatencyMicros(latencyMicros)
                    .setRequestDigest(exchange == null ? "" : AgentId.sha256Hex(exchange.request()))
                    .setResponseDigest(exchange == null ? null : AgentId.sha256Hex(exchange.reply()))
                    .build());
            if (outcome == CallOutcome.OK) {
                new AgentDirectory(connection).recordLatency(task.agentId(), latencyMicros / 1000.0);
            } else if (mayRetry(task)) {
                Assignments.Routing next = assignments.rank(connection, task);
                if (!next.ranked().isEmpty()) {
                    assignments.assign(connection, tasks, task, next.ranked().get(0), next, null);
                    return true;
                }
            }
            tasks.recordResult(task.taskId(), output, output == null ? null : "text/plain", latencyMicros, error);
            if (parent.isPresent()) {
                new RedundantTasks(tasks, connection).callFinished(parent.get());
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the result of task " + attempted.taskId(), e);
        }
    }

    /** The time one call may take: all that is left, less the time a retry needs when one may follow. */
    private Duration callBudget(Task task, Duration remaining) {
        boolean retryPossible = task.kind().equals(TaskKind.CONSUMER.name()) && task.attempt() < config.maxAttempts()
                && remaining.compareTo(config.retryReserve().multipliedBy(2)) >= 0;
        return retryPossible ? remaining.minus(config.retryReserve()) : remaining;
    }

    /** Consumer tasks only: an exam challenge is meant for its one agent. */
    private boolean mayRetry(Task task) {
        return task.kind().equals(TaskKind.CONSUMER.name()) && task.attempt() < config.maxAttempts()
                && Duration.between(Instant.now(), task.deadlineAt()).compareTo(config.retryReserve().dividedBy(2)) >= 0;
    }

    /** A refusal by the agent's guard says so; other failures keep their own message. */
    private static String describe(Throwable cause) {
        if (cause instanceof CircuitBreakerOpenException) {
            return "circuit breaker open: the agent failed too many recent calls";
        }
        if (cause instanceof BulkheadException) {
            return "the agent has too many calls in flight";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private Optional<Task> load(String taskId) {
        try (Connection connection = dataSource.getConnection()) {
            return new TaskRepository(connection).find(taskId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load task " + taskId, e);
        }
    }
}
