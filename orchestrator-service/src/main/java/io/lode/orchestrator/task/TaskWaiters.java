package io.lode.orchestrator.task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes requests that wait for a task to change ({@code ?wait=result}). Changes made in this process wake
 * waiters at once; waiters also re-read the task periodically, which covers changes made by other replicas.
 */
@ApplicationScoped
public class TaskWaiters {

    private final ConcurrentMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** A future completed at the next change of the task. */
    public CompletableFuture<Void> nextChange(String taskId) {
        return waiting.computeIfAbsent(taskId, id -> new CompletableFuture<>());
    }

    public void changed(String taskId) {
        CompletableFuture<Void> future = waiting.remove(taskId);
        if (future != null) {
            future.complete(null);
        }
    }
}
