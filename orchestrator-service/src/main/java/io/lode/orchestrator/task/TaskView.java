package io.lode.orchestrator.task;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A task as its consumer sees it; amounts in micro-units. A redundant task's {@code result} is the best accepted
 * answer and {@code calls} lists every agent's answer with its verdict; {@code excludeAgents}, as submitted (absent when
 * none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String taskId, String status, String input, String skill, long maxPrice, int redundancy,
                       Instant deadlineAt, Instant createdAt, Instant updatedAt, Result result, VerdictView verdict,
                       Fee fee, Hold hold, String reason, List<Attempt> attempts, List<Call> calls,
                       List<String> excludeAgents) {

    /**
     * Optimistic payment: the answer stands and its fee is held until a panel passes it or {@code until} passes; its
     * consumer may dispute it before then ({@code disputedAt}: when it did).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hold(Instant until, Instant disputedAt) {
    }

    /** One agent's part of a redundant task. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Call(Result result, VerdictView verdict, String status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String agentId, String output, String mediaType, Double latencyMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VerdictView(String verdict, String method, Double score, String evidence,
                              @JsonRawValue String receipt) {
    }

    /**
     * charged: what the consumer paid; paidToAgent + protocolFee + paidToJudges = charged (paidToJudges: the judges
     * of the panel that passed the result, absent when none judged); refunded: what went back.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fee(Long charged, Long paidToAgent, Long protocolFee, Long paidToJudges, Long refunded) {
    }

    /** Input and output are cut to this in a listing: {@code GET /v1/tasks/{id}} has them whole. */
    static final int LISTED_CHARS = 200;

    /** A task as a listing shows it: no attempts or calls, input and output cut to {@value #LISTED_CHARS}. */
    public static TaskView listed(Task t) {
        TaskView whole = of(t, null, List.of());
        Result result = whole.result() == null ? null : new Result(whole.result().agentId(),
                cut(whole.result().output()), whole.result().mediaType(), whole.result().latencyMs());
        return new TaskView(whole.taskId(), whole.status(), cut(whole.input()), whole.skill(), whole.maxPrice(),
                whole.redundancy(), whole.deadlineAt(), whole.createdAt(), whole.updatedAt(), result, whole.verdict(),
                whole.fee(), whole.hold(), whole.reason(), null, null, whole.excludeAgents());
    }

    private static String cut(String text) {
        return text == null || text.length() <= LISTED_CHARS ? text : text.substring(0, LISTED_CHARS) + "…";
    }

    public static TaskView of(Task t, List<Attempt> attempts, List<Task> children) {
        Result result = result(t);
        VerdictView verdict = verdict(t);
        Fee fee = t.feeCharged() == null && t.refunded() == null ? null
                : new Fee(t.feeCharged(), t.paidToAgent(), t.protocolFee(),
                        t.paidToJudges() == null || t.paidToJudges() == 0 ? null : t.paidToJudges(), t.refunded());
        return new TaskView(t.taskId(), t.status().name(), t.input(), t.skill(), t.maxPrice(), t.redundancy(),
                t.deadlineAt(), t.createdAt(), t.updatedAt(), result, verdict, fee,
                t.holdUntil() == null ? null : new Hold(t.holdUntil(), t.disputedAt()), t.reason(), attempts,
                children.isEmpty() ? null : children.stream().map(c -> new Call(result(c), verdict(c),
                        c.status().name())).toList(), t.excludedAgents().isEmpty() ? null : t.excludedAgents());
    }

    private static Result result(Task t) {
        return t.agentId() == null ? null : new Result(t.agentId(), t.output(), t.mediaType(),
                t.latencyMicros() == null ? null : t.latencyMicros() / 1000.0);
    }

    private static VerdictView verdict(Task t) {
        return t.verdict() == null ? null
                : new VerdictView(t.verdict(), t.verdictMethod(), t.verdictScore(), t.verdictEvidence(),
                        t.verdictReceipt());
    }
}
