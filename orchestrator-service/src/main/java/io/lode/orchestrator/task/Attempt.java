package io.lode.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One call of a task to an agent; outcome is null while the call is in flight. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(int attempt, String agentId, String outcome, String error, Long latencyMicros) {
}
