package io.lode.orchestrator.task;

import java.time.Instant;

/**
 * One row of the task table: the whole durable state of a task — or, for a redundant task, of one of its calls
 * (a child, with {@code parentTaskId} set). {@code inputData}: the JSON of a data part sent with the input (a
 * review's review/v1 request), else null. {@code holdUntil}: set when HELD, the end of the time its consumer may
 * dispute it; {@code disputedAt}: when it did. {@code excludedAgents}: the agents its consumer asked not to be sent
 * it (a retry with another agent).
 */
public record Task(String taskId, String kind, String accountId, String input, String skill, long maxPrice,
                   int redundancy, Instant deadlineAt, String pinnedAgentId, TaskStatus status, String agentId,
                   Long price, String endpoint, String protocolVersion, boolean streaming, String output, String mediaType,
                   Long latencyMicros, String verdict, String verdictMethod, Double verdictScore,
                   String verdictEvidence, Long feeCharged, Long paidToAgent, Long protocolFee, Long paidToJudges,
                   Long refunded,
                   String reason, int attempt, Instant createdAt, Instant updatedAt, String parentTaskId,
                   String inputData, Instant holdUntil, Instant disputedAt, String verdictReceipt,
                   java.util.List<String> excludedAgents) {

    /** The task id the network knows: the parent's for a child. */
    public String publicId() {
        return parentTaskId == null ? taskId : parentTaskId;
    }

    public boolean isChild() {
        return parentTaskId != null;
    }

    /** A task that fans out to several agents (it has children and no agent of its own). */
    public boolean isRedundant() {
        return redundancy > 1 && parentTaskId == null;
    }
}
