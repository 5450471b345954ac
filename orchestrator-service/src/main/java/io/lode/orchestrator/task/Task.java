package io.lode.orchestrator.task;

import java.time.Instant;

/** One row of the task table: the whole durable state of a task. */
public record Task(String taskId, String kind, String accountId, String input, String skill, long maxPrice,
                   int redundancy, Instant deadlineAt, String pinnedAgentId, TaskStatus status, String agentId,
                   Long price, String endpoint, String protocolVersion, String output, String mediaType,
                   Long latencyMicros, String verdict, String verdictMethod, Double verdictScore,
                   String verdictEvidence, Long feeCharged, Long paidToAgent, Long protocolFee, Long refunded,
                   String reason, int attempt, Instant createdAt, Instant updatedAt) {
}
