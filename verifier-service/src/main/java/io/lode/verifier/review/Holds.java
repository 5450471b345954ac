package io.lode.verifier.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.lode.events.codec.EventCodec;
import io.lode.events.outbox.Outbox;
import io.lode.events.outbox.TraceContext;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskDisputed;
import io.lode.events.verdicts.ResultHeld;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.DeclaredSkill;
import io.lode.verifier.reputation.ReputationRepository;
import io.lode.verifier.verification.VerifierEvents;

/**
 * Optimistic payment for work only a panel can judge: the answer reaches the consumer at once (ResultHeld) and its
 * fee stays in escrow. A share of held answers — every one of an agent in probation — is reviewed by a panel at once
 * ({@link Panels#open}), and so is every answer its paying consumer disputes within the hold; the panel's verdict
 * settles it. An answer neither sampled nor disputed is paid unreviewed when its hold ends ({@link #due}). The sample
 * is drawn here, unseen: ResultHeld looks the same either way, so neither the agent nor the consumer can tell which
 * answers are reviewed.
 */
public final class Holds {

    /**
     * How long past its end a hold stays open: a dispute the orchestrator accepted just before the end may still be
     * on its way through the broker.
     */
    static final Duration DISPUTE_GRACE = Duration.ofSeconds(10);
    /** A dispute's reason is kept for the operators, cut to this. */
    static final int REASON_KEPT = 500;

    private final Duration hold;
    private final double sampleShare;
    private final RandomGenerator random;
    private final Panels panels;

    public Holds(VerifierConfig.Review config, RandomGenerator random, Panels panels) {
        this.hold = config.hold();
        this.sampleShare = config.sampleShare();
        this.random = random;
        this.panels = panels;
    }

    /** A held answer whose hold ended: what it was and why nobody reviewed it. */
    /** A held answer whose hold ended; {@code traceParent}: the trace it was held in (null without tracing). */
    public record Due(AgentResultReceived result, String skill, Duration held, boolean disputed, String traceParent) {
    }

    /**
     * Holds {@code result}'s fee and tells the orchestrator the answer stands for now; sampled (or in probation), a
     * panel starts on it at once. False, with nothing stored, when no full panel could sit on this work: a dispute
     * could never be reviewed, so the caller pays it as before (protocol-only).
     */
    public boolean hold(Connection connection, AgentResultReceived result, Optional<DeclaredSkill> skill,
                        String taskSkill) throws SQLException {
        boolean probation = inProbation(connection, result.getAgentId());
        boolean sampled = probation || random.nextDouble() < sampleShare;
        // One draw either way: a sampled answer's panel is drawn by opening it; the rest only ask whether one could sit.
        boolean reviewing = sampled && panels.open(connection, result, skill, taskSkill);
        if (!reviewing && (sampled || !panels.canSeat(connection, result.getAgentId(), skill))) {
            return false;
        }
        Instant holdUntil = Instant.now().plus(hold).truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO held_result (task_id, agent_id, "
                + "skill, event, hold_until, state, sampled, trace_parent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, result.getTaskId());
            insert.setString(2, result.getAgentId());
            insert.setString(3, taskSkill);
            insert.setBytes(4, EventCodec.shared().encode(result));
            insert.setTimestamp(5, Timestamp.from(holdUntil));
            insert.setString(6, reviewing ? "REVIEWING" : "HELD");
            insert.setBoolean(7, sampled);
            insert.setString(8, TraceContext.current());
            insert.executeUpdate();
        }
        io.quarkus.logging.Log.infof("answer held until %s, its fee in escrow; %s", holdUntil,
                reviewing ? "a panel reviews it now (" + (probation ? "agent in probation" : "sampled") + ")" : "paid at the hold's end unless disputed");
        Outbox.append(connection, result.getTaskId(), ResultHeld.newBuilder()
                .setEnvelope(VerifierEvents.next(result.getTaskId(), result.getEnvelope()))
                .setTaskId(result.getTaskId()).setAgentId(result.getAgentId()).setHoldUntil(holdUntil).build());
        return true;
    }

    /**
     * The paying consumer disputes a held answer: a panel reviews it unless one already is (or has). A dispute the
     * orchestrator let through after the hold, or for another account, changes nothing; nor does one that arrives
     * once the hold has been paid out. Without a panel to draw now it stays held, noted as disputed.
     */
    public void disputed(Connection connection, TaskDisputed dispute) throws SQLException {
        AgentResultReceived result;
        String taskSkill;
        try (PreparedStatement select = connection.prepareStatement("SELECT event, skill, hold_until, state "
                + "FROM held_result WHERE task_id = ? FOR UPDATE")) {
            select.setString(1, dispute.getTaskId());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    io.quarkus.logging.Log.infof("dispute of %s ignored: no held answer", dispute.getTaskId());
                    return;
                }
                result = (AgentResultReceived) EventCodec.shared().decode(row.getBytes(1));
                taskSkill = row.getString(2);
                Instant holdUntil = row.getTimestamp(3).toInstant();
                if (!dispute.getAccountId().equals(result.getAccountId())
                        || dispute.getEnvelope().getOccurredAt().isAfter(holdUntil)) {
                    io.quarkus.logging.Log.warnf("dispute of %s ignored: not by its paying account within its hold",
                            dispute.getTaskId());
                    return;
                }
                if (!row.getString(4).equals("HELD")) {
                    markDisputed(connection, dispute);
                    return; // a panel is on it, or has decided: the dispute adds nothing
                }
            }
        }
        markDisputed(connection, dispute);
        Optional<DeclaredSkill> skill = new io.lode.verifier.honeypot.AgentSkills(connection)
                .declared(result.getAgentId(), taskSkill);
        if (panels.open(connection, result, skill, taskSkill)) {
            setState(connection, dispute.getTaskId(), "REVIEWING");
        }
    }

    /** A panel's verdict on {@code taskId} is out: if it was held, the hold ends with it. */
    public void decided(Connection connection, String taskId) throws SQLException {
        setState(connection, taskId, "DECIDED");
    }

    /**
     * Held answers whose hold (and its grace) ended with no panel on them, now DECIDED: at most 100, skipping
     * those another replica is paying out.
     */
    public List<Due> due(Connection connection) throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT task_id, event, skill, created_at, "
                + "hold_until, disputed_at, trace_parent FROM held_result WHERE state = 'HELD' AND hold_until < ? "
                + "ORDER BY hold_until "
                + "LIMIT 100 FOR UPDATE SKIP LOCKED")) {
            select.setTimestamp(1, Timestamp.from(Instant.now().minus(DISPUTE_GRACE)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new Due((AgentResultReceived) EventCodec.shared().decode(rows.getBytes(2)),
                            rows.getString(3), Duration.between(rows.getTimestamp(4).toInstant(),
                            rows.getTimestamp(5).toInstant()), rows.getTimestamp(6) != null, rows.getString(7)));
                }
            }
        }
        for (Due d : due) {
            decided(connection, d.result().getTaskId());
        }
        return due;
    }

    private static void markDisputed(Connection connection, TaskDisputed dispute) throws SQLException {
        String reason = dispute.getReason();
        try (PreparedStatement update = connection.prepareStatement("UPDATE held_result SET disputed_at = ?, "
                + "dispute = ? WHERE task_id = ? AND disputed_at IS NULL")) {
            update.setTimestamp(1, Timestamp.from(dispute.getEnvelope().getOccurredAt()));
            update.setString(2, reason == null ? null : reason.substring(0, Math.min(reason.length(), REASON_KEPT)));
            update.setString(3, dispute.getTaskId());
            update.executeUpdate();
        }
    }

    private static void setState(Connection connection, String taskId, String state) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE held_result SET state = ? WHERE task_id = ?")) {
            update.setString(1, state);
            update.setString(2, taskId);
            update.executeUpdate();
        }
    }

    /** An agent without a proven record has all its held work reviewed: reviews are how it earns one. */
    private static boolean inProbation(Connection connection, String agentId) throws SQLException {
        return new ReputationRepository(connection).find(agentId, ReputationRepository.OVERALL)
                .map(io.lode.verifier.reputation.Reputation::probation).orElse(true);
    }
}
