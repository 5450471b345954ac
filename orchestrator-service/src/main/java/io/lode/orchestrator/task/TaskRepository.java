package io.lode.orchestrator.task;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.events.verdicts.Receipt;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.identity.PanelMedian;
import io.lode.identity.PublicReceipt;
import io.lode.identity.VerdictReceipts;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JDBC access to tasks on the caller's connection. Status changes are guarded by the expected prior status. */
public final class TaskRepository {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;

    public TaskRepository(Connection connection) {
        this.connection = connection;
    }

    public void insert(String taskId, String kind, String accountId, String input, String skill, long maxPrice,
                       int redundancy, Instant deadlineAt, String pinnedAgentId, TaskStatus status)
            throws SQLException {
        insert(taskId, kind, accountId, input, null, skill, maxPrice, redundancy, deadlineAt, pinnedAgentId, List.of(),
                status);
    }

    /**
     * As {@link #insert}, with a data part ({@code inputData}, JSON) sent along with the input and the agents the
     * consumer asked not to be sent it ({@code excludedAgents}).
     */
    public void insert(String taskId, String kind, String accountId, String input, String inputData, String skill,
                       long maxPrice, int redundancy, Instant deadlineAt, String pinnedAgentId,
                       List<String> excludedAgents, TaskStatus status) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO task (task_id, kind, account_id, "
                + "input, skill, max_price, redundancy, deadline_at, pinned_agent_id, status, input_data, "
                + "excluded_agents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, kind);
            insert.setString(3, accountId);
            insert.setString(4, input);
            insert.setString(5, skill);
            insert.setLong(6, maxPrice);
            insert.setInt(7, redundancy);
            insert.setTimestamp(8, Timestamp.from(deadlineAt));
            insert.setString(9, pinnedAgentId);
            insert.setString(10, status.name());
            insert.setString(11, inputData);
            insert.setArray(12, connection.createArrayOf("text", excludedAgents.toArray()));
            insert.executeUpdate();
        }
        ObjectNode submitted = data().put("input", input).put("skill", skill).put("maxPrice", maxPrice)
                .put("deadlineAt", deadlineAt.toString());
        if (!excludedAgents.isEmpty()) {
            excludedAgents.forEach(submitted.putArray("excludedAgents")::add);
        }
        journal(taskId, "SUBMITTED", submitted);
    }

    /** A child of a redundant task: the parent's input, account and deadline, ready to be assigned. */
    public void insertChild(Task parent, String childId) throws SQLException {
        update("INSERT INTO task (task_id, kind, account_id, input, skill, max_price, redundancy, deadline_at, "
                + "status, parent_task_id, excluded_agents) SELECT ?, kind, account_id, input, skill, max_price, 1, "
                + "deadline_at, 'ESCROWED', task_id, excluded_agents FROM task WHERE task_id = ?", childId, parent.taskId());
    }

    /** The children of a redundant task, in order. */
    public List<Task> children(String parentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM task WHERE parent_task_id = ? ORDER BY task_id")) {
            select.setString(1, parentId);
            try (ResultSet rows = select.executeQuery()) {
                List<Task> children = new ArrayList<>();
                while (rows.next()) {
                    children.add(map(rows));
                }
                return children;
            }
        }
    }

    /** A redundant task has gone out to its agents (each child carries its own call). */
    public void fannedOut(String parentId, List<String> agentIds) throws SQLException {
        update("UPDATE task SET status = 'DISPATCHED', updated_at = now() WHERE task_id = ?", parentId);
        journal(parentId, "FANNED_OUT", data().put("agents", String.join(",", agentIds)));
    }

    /** Every child of the redundant task has its result: it waits for the verifier's comparison. */
    public void collected(String parentId) throws SQLException {
        update("UPDATE task SET status = 'RESULT_RECEIVED', updated_at = now() WHERE task_id = ?", parentId);
    }

    /** The answer the consumer gets from a redundant task: the best accepted child's. */
    public void adoptResult(String parentId, Task child) throws SQLException {
        update("UPDATE task SET agent_id = ?, price = ?, output = ?, media_type = ?, latency_micros = ?, "
                + "updated_at = now() WHERE task_id = ?", child.agentId(), child.price(), child.output(),
                child.mediaType(), child.latencyMicros(), parentId);
    }

    /** How many of an account's consumer tasks {@link #ofAccount} would list over all its pages. */
    public long countOfAccount(String accountId, java.util.Set<TaskStatus> statuses, String skill)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM task");
        List<Object> values = new ArrayList<>();
        whereOfAccount(sql, values, accountId, statuses, skill);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void whereOfAccount(StringBuilder sql, List<Object> values, String accountId,
                                java.util.Set<TaskStatus> statuses, String skill) throws SQLException {
        sql.append(" WHERE account_id = ? AND parent_task_id IS NULL AND kind = 'CONSUMER'");
        values.add(accountId);
        if (!statuses.isEmpty()) {
            sql.append(" AND status = ANY (?)");
            values.add(connection.createArrayOf("text", statuses.stream().map(Enum::name).toArray()));
        }
        if (skill != null) {
            sql.append(" AND skill = ?");
            values.add(skill);
        }
    }

    /** Ends the children still open (the parent was canceled or expired); their calls are then ignored. */
    public void endOpenChildren(String parentId, TaskStatus status) throws SQLException {
        update("UPDATE task SET status = ?, updated_at = now() WHERE parent_task_id = ? AND status NOT IN "
                + "('COMPLETED', 'FAILED', 'CANCELED', 'EXPIRED')", status.name(), parentId);
    }

    /**
     * An account's consumer tasks, newest first: at most {@code limit}, after the keyset position
     * ({@code afterCreatedAt}, {@code afterTaskId}) when given, filtered by status (any of {@code statuses}; all when
     * empty) and skill when given.
     */
    public List<Task> ofAccount(String accountId, java.util.Set<TaskStatus> statuses, String skill,
                                Instant afterCreatedAt, String afterTaskId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM task");
        List<Object> values = new ArrayList<>();
        whereOfAccount(sql, values, accountId, statuses, skill);
        if (afterCreatedAt != null) {
            sql.append(" AND (created_at, task_id) < (?, ?)");
            values.add(Timestamp.from(afterCreatedAt));
            values.add(afterTaskId);
        }
        sql.append(" ORDER BY created_at DESC, task_id DESC LIMIT ?");
        values.add(limit);
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                List<Task> tasks = new ArrayList<>();
                while (rows.next()) {
                    tasks.add(map(rows));
                }
                return tasks;
            }
        }
    }

    public Optional<Task> find(String taskId) throws SQLException {
        return one("SELECT * FROM task WHERE task_id = ?", taskId);
    }

    /** Locks the row for the rest of the transaction, so two events of one task never interleave. */
    public Optional<Task> lock(String taskId) throws SQLException {
        return one("SELECT * FROM task WHERE task_id = ? FOR UPDATE", taskId);
    }

    /** Assigns the task to an agent as its next attempt; returns the attempt's number (1 for the first). */
    public int dispatch(String taskId, String agentId, long price, String endpoint, String protocolVersion,
                        boolean streaming, RoutingChoice routing) throws SQLException {
        int attempt;
        try (PreparedStatement update = connection.prepareStatement("UPDATE task SET status = 'DISPATCHED', "
                + "agent_id = ?, price = ?, endpoint = ?, protocol_version = ?, streaming = ?, attempt = attempt + 1, "
                + "updated_at = now() WHERE task_id = ? RETURNING attempt")) {
            update.setString(1, agentId);
            update.setLong(2, price);
            update.setString(3, endpoint);
            update.setString(4, protocolVersion);
            update.setBoolean(5, streaming);
            update.setString(6, taskId);
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                attempt = rows.getInt(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO task_attempt (task_id, attempt, agent_id, routing) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setInt(2, attempt);
            insert.setString(3, agentId);
            insert.setString(4, routing == null ? null : toJson(routing));
            insert.executeUpdate();
        }
        journal(taskId, "DISPATCHED", data().put("attempt", attempt).put("agentId", agentId).put("price", price));
        return attempt;
    }

    /** Text a streaming agent sent during the attempt: the answer so far is the attempt's partials joined. */
    public void recordPartial(String taskId, int attempt, String text) throws SQLException {
        journal(taskId, "PARTIAL", data().put("attempt", attempt).put("text", text));
    }

    /** How an attempt ended: OK, ERROR or TIMEOUT, with the error and the call's duration. */
    public void finishAttempt(String taskId, int attempt, String outcome, String error, long latencyMicros)
            throws SQLException {
        update("UPDATE task_attempt SET outcome = ?, error = ?, latency_micros = ? WHERE task_id = ? AND attempt = ?",
                outcome, error, latencyMicros, taskId, attempt);
        if (!outcome.equals("OK")) {
            journal(taskId, "ATTEMPT_FAILED", data().put("attempt", attempt).put("outcome", outcome)
                    .put("error", error).put("latencyMs", latencyMicros / 1000.0));
        }
    }

    /** The calls of a task, its children's included (a retry goes to none of their agents). */
    public List<Attempt> attempts(String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT a.* FROM task_attempt a JOIN task t "
                + "ON t.task_id = a.task_id WHERE t.task_id = ? OR t.parent_task_id = ? ORDER BY a.started_at, "
                + "a.task_id, a.attempt")) {
            select.setString(1, taskId);
            select.setString(2, taskId);
            try (ResultSet rows = select.executeQuery()) {
                List<Attempt> attempts = new ArrayList<>();
                while (rows.next()) {
                    attempts.add(new Attempt(rows.getInt("attempt"), rows.getString("agent_id"),
                            rows.getString("outcome"), rows.getString("error"), nullableLong(rows, "latency_micros"),
                            rows.getTimestamp("started_at").toInstant(), routing(rows.getString("routing"))));
                }
                return attempts;
            }
        }
    }

    public void end(String taskId, TaskStatus status, String reason) throws SQLException {
        update("UPDATE task SET status = ?, reason = ?, updated_at = now() WHERE task_id = ?",
                status.name(), reason, taskId);
        journal(taskId, status.name(), data().put("reason", reason));
    }

    public boolean recordResult(String taskId, String output, String mediaType, long latencyMicros, String error)
            throws SQLException {
        boolean recorded = update("UPDATE task SET status = 'RESULT_RECEIVED', output = ?, media_type = ?, "
                + "latency_micros = ?, reason = ?, updated_at = now() WHERE task_id = ? AND status = 'DISPATCHED'",
                output, mediaType, latencyMicros, error, taskId) == 1;
        if (recorded) {
            journal(taskId, "RESULT", data().put("output", output).put("mediaType", mediaType)
                    .put("latencyMs", latencyMicros / 1000.0).put("error", error));
        }
        return recorded;
    }

    /** The verifier holds the answer's fee until {@code holdUntil} (ResultHeld): the answer stands for now. */
    public boolean held(String taskId, String agentId, Instant holdUntil) throws SQLException {
        boolean held = update("UPDATE task SET status = 'HELD', hold_until = ?, updated_at = now() WHERE task_id = ? "
                + "AND status = 'RESULT_RECEIVED' AND agent_id = ?", Timestamp.from(holdUntil), taskId, agentId) == 1;
        if (held) {
            journal(taskId, "HELD", data().put("holdUntil", holdUntil.toString()));
        }
        return held;
    }

    /** Its consumer disputes the held answer; false if it is not held or was disputed already. */
    public boolean disputed(String taskId, Instant at) throws SQLException {
        boolean disputed = update("UPDATE task SET disputed_at = ?, updated_at = now() WHERE task_id = ? "
                + "AND status = 'HELD' AND disputed_at IS NULL", Timestamp.from(at), taskId) == 1;
        if (disputed) {
            journal(taskId, "DISPUTED", data().put("at", at.toString()));
        }
        return disputed;
    }

    /** The verdict that decides the task, with the verifier's signed receipt for it (null: none, a redundant FAIL). */
    public void recordVerdict(String taskId, TaskStatus status, String verdict, String method, double score,
                              String evidence, Long feeCharged, String reason, String receipt) throws SQLException {
        update("UPDATE task SET status = ?, verdict = ?, verdict_method = ?, verdict_score = ?, verdict_evidence = ?, "
                + "fee_charged = ?, reason = COALESCE(?, reason), verdict_receipt = ?, updated_at = now() "
                + "WHERE task_id = ?", status.name(), verdict, method, score, evidence, feeCharged, reason, receipt,
                taskId);
        journal(taskId, "VERDICT", data().put("verdict", verdict).put("method", method).put("score", score)
                .put("evidence", evidence));
        journal(taskId, status.name(), data().put("feeCharged", feeCharged).put("reason", reason));
    }

    /** The verdict on one call of a redundant task; the task's own status follows once every call is judged. */
    public void judgeCall(String childId, TaskStatus status, String verdict, String method, double score,
                          String evidence, long fee, String receipt) throws SQLException {
        update("UPDATE task SET status = ?, verdict = ?, verdict_method = ?, verdict_score = ?, verdict_evidence = ?, "
                + "fee_charged = ?, verdict_receipt = ?, updated_at = now() WHERE task_id = ?",
                status.name(), verdict, method, score, evidence, fee, receipt, childId);
        journal(childId, "VERDICT", data().put("verdict", verdict).put("method", method).put("score", score)
                .put("evidence", evidence));
    }

    /** The receipts of the verdicts that judged a redundant task's calls, by the agent called. */
    public Map<String, Receipt> callReceipts(String parentId) throws SQLException {
        Map<String, Receipt> receipts = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT agent_id, verdict_receipt FROM task WHERE parent_task_id = ? AND verdict_receipt IS NOT NULL")) {
            select.setString(1, parentId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    receipts.put(rows.getString(1), receiptOf(rows.getString(2)));
                }
            }
        }
        return receipts;
    }

    /**
     * The verdict's receipt as stored and shown: with every field it signs ({@link PublicReceipt}), so a consumer can
     * check it with the verifier's keys alone; null when the verdict has none.
     */
    public static String receiptJson(ResultVerdict verdict) {
        Receipt receipt = verdict.getReceipt();
        if (receipt == null) {
            return null;
        }
        String panel = VerdictReceipts.panelDigest(verdict.getPanel().stream()
                .map(p -> new PanelMedian.Vote(p.getJudgeId(), p.getScore(), p.getWeight())).toList());
        return new PublicReceipt(receipt.getFormat(), verdict.getTaskId(), verdict.getAgentId(),
                receipt.getRequestDigest(), receipt.getResponseDigest(), verdict.getVerdict().name(), verdict.getScore(),
                verdict.getMethod(), verdict.getPrice(), receipt.getSignedAtMicros(), panel, receipt.getVerifierKey(),
                receipt.getSignature()).toJson().toString();
    }

    private static Receipt receiptOf(String json) throws SQLException {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
            return Receipt.newBuilder().setRequestDigest(node.path("requestDigest").asText())
                    .setResponseDigest(node.path("responseDigest").isTextual() ? node.path("responseDigest").asText()
                            : null)
                    .setVerifierKey(node.path("verifierKey").asText()).setSignature(node.path("signature").asText())
                    .setFormat(node.path("format").asText()).setSignedAtMicros(node.path("signedAtMicros").asLong())
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable verdict receipt " + json, e);
        }
    }

    /**
     * Adds one settlement: a payment (with the refund of the rest, or, for a redundant task that pays several agents,
     * {@code refunded} null), or a refund. A task is settled once its refund is known.
     */
    public void recordSettlement(String taskId, Long paidToAgent, Long protocolFee, Long paidToJudges, Long refunded)
            throws SQLException {
        long paid = paidToAgent == null ? 0 : paidToAgent;
        long fee = protocolFee == null ? 0 : protocolFee;
        long judges = paidToJudges == null ? 0 : paidToJudges;
        // The ledger pays only what this service's TaskCompleted names, so the settlement never contradicts the status.
        if (update("UPDATE task SET paid_to_agent = CASE WHEN ? THEN COALESCE(paid_to_agent, 0) + ? ELSE paid_to_agent "
                + "END, protocol_fee = CASE WHEN ? THEN COALESCE(protocol_fee, 0) + ? ELSE protocol_fee END, "
                + "paid_to_judges = CASE WHEN ? THEN COALESCE(paid_to_judges, 0) + ? ELSE paid_to_judges END, "
                + "refunded = CASE WHEN ? THEN COALESCE(refunded, 0) + ? ELSE refunded END, "
                + "updated_at = now() WHERE task_id = ?", paidToAgent != null, paid, protocolFee != null, fee,
                paidToJudges != null, judges, refunded != null, refunded == null ? 0 : refunded, taskId) == 1) {
            journal(taskId, "SETTLED", data().put("paidToAgent", paidToAgent).put("protocolFee", protocolFee)
                    .put("paidToJudges", paidToJudges).put("refunded", refunded));
        }
    }

    /** Dispatched tasks whose call may have been lost with a previous process. */
    public List<String> dispatchedBefore(Instant cutoff) throws SQLException {
        return ids("SELECT task_id FROM task WHERE status = 'DISPATCHED' AND agent_id IS NOT NULL AND updated_at < ? "
                + "AND deadline_at > now()", cutoff);
    }

    /** Tasks without an answer past their deadline, and with an answer but no verdict past {@code verdictTimeout}. */
    public List<String> overdue(Instant now, Duration verdictTimeout) throws SQLException {
        return ids("SELECT task_id FROM task WHERE parent_task_id IS NULL AND ((status IN ('SUBMITTED', 'ESCROWED', "
                + "'DISPATCHED') AND deadline_at < ?) OR (status = 'RESULT_RECEIVED' AND deadline_at < ?)) LIMIT 500",
                now, now.minus(verdictTimeout));
    }

    private List<String> ids(String sql, Instant... instants) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < instants.length; i++) {
                select.setTimestamp(i + 1, Timestamp.from(instants[i]));
            }
            try (ResultSet rows = select.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }
        }
    }

    /** One entry of a task's stream, as served to its consumer. */
    public record TaskEvent(int seq, String type, String data) {
    }

    /** Entries after {@code afterSeq}, in order. */
    public List<TaskEvent> events(String taskId, int afterSeq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq, type, data FROM task_event WHERE task_id = ? AND seq > ? ORDER BY seq")) {
            select.setString(1, taskId);
            select.setInt(2, afterSeq);
            try (ResultSet rows = select.executeQuery()) {
                List<TaskEvent> events = new ArrayList<>();
                while (rows.next()) {
                    events.add(new TaskEvent(rows.getInt(1), rows.getString(2), rows.getString(3)));
                }
                return events;
            }
        }
    }

    /**
     * Appends to the task's stream — a child's entries go to its parent's, with the child's agent — under a lock of
     * the stream's row, which keeps the numbers gapless under concurrent changes.
     */
    private void journal(String taskId, String type, ObjectNode data) throws SQLException {
        String streamId = taskId;
        try (PreparedStatement child = connection.prepareStatement(
                "SELECT parent_task_id, agent_id FROM task WHERE task_id = ? AND parent_task_id IS NOT NULL")) {
            child.setString(1, taskId);
            try (ResultSet row = child.executeQuery()) {
                if (row.next()) {
                    streamId = row.getString(1);
                    data.put("agentId", row.getString(2));
                }
            }
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM task WHERE task_id = ? FOR UPDATE")) {
            lock.setString(1, streamId);
            lock.executeQuery().close();
        }
        update("INSERT INTO task_event (task_id, seq, type, data) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ? "
                + "FROM task_event WHERE task_id = ?", streamId, type, data.toString(), streamId);
    }

    private static String toJson(RoutingChoice routing) {
        try {
            return JSON.writeValueAsString(routing);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a routing choice", e);
        }
    }

    private static RoutingChoice routing(String json) {
        try {
            return json == null ? null : JSON.readValue(json, RoutingChoice.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot read a routing choice", e);
        }
    }

    private static ObjectNode data() {
        return JSON.createObjectNode();
    }

    private int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            return update.executeUpdate();
        }
    }

    private Optional<Task> one(String sql, String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, taskId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    private static Task map(ResultSet r) throws SQLException {
        return new Task(r.getString("task_id"), r.getString("kind"), r.getString("account_id"), r.getString("input"),
                r.getString("skill"), r.getLong("max_price"), r.getInt("redundancy"),
                r.getTimestamp("deadline_at").toInstant(), r.getString("pinned_agent_id"),
                TaskStatus.valueOf(r.getString("status")), r.getString("agent_id"), nullableLong(r, "price"),
                r.getString("endpoint"), r.getString("protocol_version"), r.getBoolean("streaming"),
                r.getString("output"),
                r.getString("media_type"), nullableLong(r, "latency_micros"), r.getString("verdict"),
                r.getString("verdict_method"), (Double) r.getObject("verdict_score"), r.getString("verdict_evidence"),
                nullableLong(r, "fee_charged"), nullableLong(r, "paid_to_agent"), nullableLong(r, "protocol_fee"),
                nullableLong(r, "paid_to_judges"), nullableLong(r, "refunded"), r.getString("reason"), r.getInt("attempt"),
                r.getTimestamp("created_at").toInstant(), r.getTimestamp("updated_at").toInstant(),
                r.getString("parent_task_id"), r.getString("input_data"), instant(r, "hold_until"),
                instant(r, "disputed_at"), r.getString("verdict_receipt"),
                List.of((String[]) r.getArray("excluded_agents").getArray()));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        Timestamp value = r.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }
}
