package io.lode.orchestrator.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.TaskFailed;
import io.lode.orchestrator.OrchestratorConfig;
import io.lode.orchestrator.task.Task;
import io.lode.orchestrator.task.TaskRepository;
import io.lode.orchestrator.task.TaskStatus;
import io.lode.orchestrator.task.TaskWaiters;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Makes sure no task is forgotten: tasks past their deadline without an answer end as EXPIRED (the reward service
 * refunds them on TaskFailed), and so do answered tasks still without a verdict {@code verdict-timeout} after it;
 * dispatched tasks whose call was lost with a previous process are called again.
 */
@ApplicationScoped
public class DispatchRecovery {

    /**
     * Calls of tasks last changed before this process started are not in flight here: they were lost with the
     * process before (or are in flight in another replica, which then answers first; the later answer of the
     * same attempt is ignored).
     */
    private final Instant startedAt = Instant.now();

    private final DataSource dataSource;
    private final Dispatcher dispatcher;
    private final TaskWaiters waiters;
    private final OrchestratorConfig config;
    private volatile boolean resumedAfterStart;

    public DispatchRecovery(DataSource dataSource, Dispatcher dispatcher, TaskWaiters waiters,
                            OrchestratorConfig config) {
        this.dataSource = dataSource;
        this.config = config;
        this.dispatcher = dispatcher;
        this.waiters = waiters;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() throws SQLException {
        for (String taskId : overdue()) {
            expire(taskId);
            waiters.changed(taskId);
        }
        if (!resumedAfterStart) {
            resumedAfterStart = true;
            List<String> lost = lostCalls(startedAt);
            if (!lost.isEmpty()) {
                Log.infof("resuming %d dispatched task(s) left by a previous process", lost.size());
            }
            lost.forEach(dispatcher::dispatch);
        }
    }

    private List<String> overdue() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new TaskRepository(connection).overdue(Instant.now(), config.verdictTimeout());
        }
    }

    private List<String> lostCalls(Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new TaskRepository(connection).dispatchedBefore(before);
        }
    }

    @Transactional
    void expire(String taskId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            TaskRepository tasks = new TaskRepository(connection);
            Optional<Task> task = tasks.lock(taskId);
            if (task.isEmpty() || task.get().status().isTerminal()) {
                return;
            }
            String reason = "deadline passed in state " + task.get().status();
            tasks.end(taskId, TaskStatus.EXPIRED, reason);
            tasks.endOpenChildren(taskId, TaskStatus.EXPIRED);
            Outbox.append(connection, taskId, TaskFailed.newBuilder()
                    .setEnvelope(TaskEventHandler.next(taskId, null)).setTaskId(taskId).setReason(reason).build());
        }
    }
}
