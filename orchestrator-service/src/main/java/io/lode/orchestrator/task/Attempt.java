package io.lode.orchestrator.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One call of a task to an agent; outcome is null while the call is in flight. {@code startedAt} is when the call
 * was dispatched (with the task's {@code createdAt}: the time from submission to dispatch); {@code routing} says why
 * the agent was chosen (consumer tasks; exams, honeypots and reviews are sent to the agent they name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(int attempt, String agentId, String outcome, String error, Long latencyMicros,
                      Instant startedAt, RoutingChoice routing) {
}
