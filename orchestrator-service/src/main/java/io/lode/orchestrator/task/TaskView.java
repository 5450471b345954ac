package io.lode.orchestrator.task;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A task as its consumer sees it; amounts in micro-units. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String taskId, String status, String input, String skill, long maxPrice, int redundancy,
                       Instant deadlineAt, Instant createdAt, Instant updatedAt, Result result, VerdictView verdict,
                       Fee fee, String reason, List<Attempt> attempts) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String agentId, String output, String mediaType, Double latencyMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictView(String verdict, String method, Double score, String evidence) {
    }

    /** charged: what the consumer paid; paidToAgent + protocolFee = charged; refunded: what went back. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fee(Long charged, Long paidToAgent, Long protocolFee, Long refunded) {
    }

    public static TaskView of(Task t, List<Attempt> attempts) {
        Result result = t.agentId() == null ? null : new Result(t.agentId(), t.output(), t.mediaType(),
                t.latencyMicros() == null ? null : t.latencyMicros() / 1000.0);
        VerdictView verdict = t.verdict() == null ? null
                : new VerdictView(t.verdict(), t.verdictMethod(), t.verdictScore(), t.verdictEvidence());
        Fee fee = t.feeCharged() == null && t.refunded() == null ? null
                : new Fee(t.feeCharged(), t.paidToAgent(), t.protocolFee(), t.refunded());
        return new TaskView(t.taskId(), t.status().name(), t.input(), t.skill(), t.maxPrice(), t.redundancy(),
                t.deadlineAt(), t.createdAt(), t.updatedAt(), result, verdict, fee, t.reason(), attempts);
    }
}
