package io.lode.verifier.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import io.lode.events.codec.EventCodec;
import io.lode.events.exams.Challenge;
import io.lode.events.exams.ReviewRequested;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.verdicts.PanelScore;
import io.lode.events.verdicts.Verdict;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.DeclaredSkill;
import io.lode.verifier.honeypot.AgentSkills;
import io.lode.verifier.honeypot.Honeypots;
import io.lode.verifier.judging.Judgement;
import io.lode.verifier.verification.VerifierEvents;

/**
 * Review by a panel of judges, through the network: {@link #open} draws the panel ({@link Panel#draw}, weights from
 * each judge's {@link JudgeStanding}) for a result no checker covers, holds the result and sends each judge a
 * review request (ReviewRequested: the orchestrator calls the judge like any task, with the review/v1 data part);
 * with each, a gold review is drawn for that judge with probability {@code goldsPerReview}, sent later as a
 * honeypot. {@link #answered} records each judge's blind score; when the last is in, the panel decides
 * ({@link Panel#first}, else two more judges once, then {@link Panel#escalated}), each judge's distance from the
 * median joins its standing, and an answer passed with one voice becomes material for golds of its skill.
 */
public final class Panels {

    public static final String METHOD = "panel";
    private static final int REASON_SHOWN = 160;
    /** How long past its deadline a review may stay unanswered before it counts as answered without a score. */
    static final long OVERDUE_GRACE_MS = 30_000;

    private final VerifierConfig.Review config;
    private final long deadlineMs;
    private final RandomGenerator random;
    private final Golds golds;
    private final Honeypots honeypots;

    public Panels(VerifierConfig config, RandomGenerator random, Honeypots honeypots) {
        this.config = config.review();
        this.deadlineMs = config.challengeDeadlineMs();
        this.random = random;
        this.golds = new Golds(random);
        this.honeypots = honeypots;
    }

    /** A panel's verdict on the result it held, with every score that made it. */
    public record Decided(AgentResultReceived result, String taskSkill, Judgement judgement,
                          List<PanelScore> scores) {
    }

    /** Whether a full panel could sit on this agent's work of this skill now (an exam asks before it plans one). */
    public boolean canSeat(Connection connection, String agentId, Optional<DeclaredSkill> skill) throws SQLException {
        Judges judges = new Judges(connection);
        return Panel.draw(candidates(judges.seatsFor(skill)), judges.worker(agentId), Panel.SIZE, List.of(),
                new SplittableRandom(0)).size() >= Panel.SIZE;
    }

    /**
     * Draws a panel for {@code result} and sends its review requests; false (nothing stored) when too few judges
     * can sit — the caller then judges the result without one.
     */
    public boolean open(Connection connection, AgentResultReceived result, Optional<DeclaredSkill> skill,
                        String taskSkill) throws SQLException {
        Judges judges = new Judges(connection);
        List<Judges.Seat> seats = judges.seatsFor(skill);
        int size = result.getPrice() >= config.costlyPrice() ? Panel.COSTLY_SIZE : Panel.SIZE;
        long seed = random.nextLong();
        List<Panel.Candidate> drawn = Panel.draw(candidates(seats), judges.worker(result.getAgentId()), size,
                List.of(), new SplittableRandom(seed));
        if (drawn.size() < size) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO panel (task_id, agent_id, skill, "
                + "event, seed) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, result.getTaskId());
            insert.setString(2, result.getAgentId());
            insert.setString(3, taskSkill);
            insert.setBytes(4, EventCodec.shared().encode(result));
            insert.setLong(5, seed);
            insert.executeUpdate();
        }
        ReviewRequest request = request(result, skill);
        for (Panel.Candidate judge : drawn) {
            send(connection, result.getTaskId(), judge, reviewSkillOf(seats, judge), request);
        }
        return true;
    }

    /** Whether {@code taskId} is a review request. */
    public boolean isReview(Connection connection, String taskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM review WHERE task_id = ?")) {
            select.setString(1, taskId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /**
     * Reviews still unanswered well after their deadline (the judge was not called — no longer ACTIVE when the
     * orchestrator got the request — or its result was lost): at most 100, skipping those another replica holds.
     */
    public List<String> overdue(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT task_id FROM review WHERE NOT answered "
                + "AND sent_at < now() - ? * interval '1 millisecond' ORDER BY sent_at LIMIT 100 FOR UPDATE SKIP LOCKED")) {
            select.setLong(1, deadlineMs + OVERDUE_GRACE_MS);
            try (ResultSet rows = select.executeQuery()) {
                List<String> overdue = new ArrayList<>();
                while (rows.next()) {
                    overdue.add(rows.getString(1));
                }
                return overdue;
            }
        }
    }

    /** Whether {@code taskId} is a review request sent to {@code judgeId}. */
    public boolean isReviewBy(Connection connection, String taskId, String judgeId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT judge_id FROM review WHERE task_id = ?")) {
            select.setString(1, taskId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                if (!row.getString(1).equals(judgeId)) {
                    throw new io.lode.verifier.verification.RejectedEventException("review " + taskId
                            + " answered by " + judgeId + ", but it was sent to " + row.getString(1));
                }
                return true;
            }
        }
    }

    /**
     * Records a judge's answer to review {@code reviewTaskId} (empty: it sent nothing readable, failed or timed out);
     * the panel's verdict when it was the last answer due.
     */
    public Optional<Decided> answered(Connection connection, String reviewTaskId, Optional<ReviewAnswer> answer)
            throws SQLException {
        String panelTaskId;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT panel_task_id FROM review WHERE task_id = ?")) {
            select.setString(1, reviewTaskId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                panelTaskId = row.getString(1);
            }
        }
        // Answers arrive on several partitions at once: the panel's row lock makes one of them the last.
        AgentResultReceived result;
        String taskSkill;
        long seed;
        boolean escalated;
        try (PreparedStatement select = connection.prepareStatement("SELECT event, skill, seed, escalated, decided "
                + "FROM panel WHERE task_id = ? FOR UPDATE")) {
            select.setString(1, panelTaskId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                if (row.getBoolean(5)) {
                    return Optional.empty();
                }
                result = (AgentResultReceived) EventCodec.shared().decode(row.getBytes(1));
                taskSkill = row.getString(2);
                seed = row.getLong(3);
                escalated = row.getBoolean(4);
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE review SET answered = true, score = ?, "
                + "reason = ? WHERE task_id = ? AND NOT answered")) {
            update.setObject(1, answer.map(ReviewAnswer::score).orElse(null));
            update.setString(2, answer.map(ReviewAnswer::reason).orElse(null));
            update.setString(3, reviewTaskId);
            if (update.executeUpdate() == 0) {
                return Optional.empty(); // this review was counted already
            }
        }
        List<Seated> seated = seated(connection, panelTaskId);
        if (seated.stream().anyMatch(s -> !s.answered())) {
            return Optional.empty();
        }
        List<Panel.Score> scores = seated.stream().filter(s -> s.score() != null)
                .map(s -> new Panel.Score(s.judgeId(), s.score(), s.weight())).toList();
        Panel.Decision decision;
        if (!escalated) {
            Optional<Panel.Decision> first = Panel.first(scores);
            if (first.isEmpty() && escalate(connection, panelTaskId, result, taskSkill, seed, seated)) {
                return Optional.empty();
            }
            decision = first.orElseGet(() -> Panel.escalated(scores));
        } else {
            decision = Panel.escalated(scores);
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE panel SET decided = true WHERE task_id = ?")) {
            update.setString(1, panelTaskId);
            update.executeUpdate();
        }
        Judges judges = new Judges(connection);
        for (Panel.Score score : scores) {
            judges.recordReview(score.judgeId(), Math.abs(score.score() - decision.median()));
        }
        Optional<DeclaredSkill> skill = new AgentSkills(connection).declared(result.getAgentId(), taskSkill);
        if (skill.isPresent() && unanimousPass(decision, scores)) {
            judges.addGoldSource(result.getTaskId(), skill.get(), result.getInput(), result.getOutput());
        }
        return Optional.of(new Decided(result, taskSkill, judgement(decision, seated, seed),
                scores.stream().map(s -> PanelScore.newBuilder().setJudgeId(s.judgeId()).setScore(s.score())
                        .setWeight(s.weight()).build()).toList()));
    }

    /** One seat of a panel as stored. */
    private record Seated(String judgeId, double weight, Double score, String reason, boolean answered) {
    }

    private static List<Seated> seated(Connection connection, String panelTaskId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT judge_id, weight, score, reason, answered "
                + "FROM review WHERE panel_task_id = ? ORDER BY judge_id")) {
            select.setString(1, panelTaskId);
            try (ResultSet rows = select.executeQuery()) {
                List<Seated> seated = new ArrayList<>();
                while (rows.next()) {
                    seated.add(new Seated(rows.getString(1), rows.getDouble(2), (Double) rows.getObject(3),
                            rows.getString(4), rows.getBoolean(5)));
                }
                return seated;
            }
        }
    }

    /** The first scores spread too far: {@value Panel#EXTRA} more judges, once; false if none can sit. */
    private boolean escalate(Connection connection, String panelTaskId, AgentResultReceived result, String taskSkill,
                             long seed, List<Seated> seated) throws SQLException {
        Optional<DeclaredSkill> skill = new AgentSkills(connection).declared(result.getAgentId(), taskSkill);
        Judges judges = new Judges(connection);
        List<Judges.Seat> seats = judges.seatsFor(skill);
        List<Panel.Candidate> already = seated.stream()
                .map(s -> new Panel.Candidate(s.judgeId(), s.weight(), s.judgeId(), s.judgeId(), "")).toList();
        List<Panel.Candidate> extra = Panel.draw(candidates(seats), judges.worker(result.getAgentId()), Panel.EXTRA,
                already, new SplittableRandom(seed + 1));
        if (extra.isEmpty()) {
            return false;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE panel SET escalated = true WHERE task_id = ?")) {
            update.setString(1, panelTaskId);
            update.executeUpdate();
        }
        ReviewRequest request = request(result, skill);
        for (Panel.Candidate judge : extra) {
            send(connection, panelTaskId, judge, reviewSkillOf(seats, judge), request);
        }
        return true;
    }

    private void send(Connection connection, String panelTaskId, Panel.Candidate judge, DeclaredSkill reviewSkill,
                      ReviewRequest request) throws SQLException {
        String taskId = VerifierEvents.newTaskId();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO review (task_id, panel_task_id, judge_id, weight) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, taskId);
            insert.setString(2, panelTaskId);
            insert.setString(3, judge.judgeId());
            insert.setDouble(4, judge.weight());
            insert.executeUpdate();
        }
        Outbox.append(connection, judge.judgeId(), ReviewRequested.newBuilder()
                .setEnvelope(VerifierEvents.next(judge.judgeId(), null)).setAgentId(judge.judgeId())
                .setChallenge(Challenge.newBuilder().setTaskId(taskId).setSkill(reviewSkill.id())
                        .setInput(request.text()).setData(request.data().toString()).build())
                .setDeadlineMs(deadlineMs).build());
        if (random.nextDouble() < config.goldsPerReview()) {
            honeypots.schedule(connection, judge.judgeId(), golds.next(connection, reviewSkill));
        }
    }

    private static ReviewRequest request(AgentResultReceived result, Optional<DeclaredSkill> skill) {
        return new ReviewRequest(result.getInput(), result.getOutput(),
                skill.map(s -> new ReviewRequest.Skill(s.id(), s.name(), s.description())).orElse(null), null);
    }

    private static List<Panel.Candidate> candidates(List<Judges.Seat> seats) {
        return seats.stream().map(Judges.Seat::candidate).toList();
    }

    private static DeclaredSkill reviewSkillOf(List<Judges.Seat> seats, Panel.Candidate judge) {
        return seats.stream().filter(s -> s.candidate().judgeId().equals(judge.judgeId())).findFirst()
                .orElseThrow().reviewSkill();
    }

    /** Every judge scored high: an answer golds of its skill can be made from. */
    private static boolean unanimousPass(Panel.Decision decision, List<Panel.Score> scores) {
        return decision.verdict() == Verdict.PASS && decision.median() >= 0.9 && scores.size() >= Panel.SIZE
                && scores.stream().allMatch(s -> s.score() >= 0.8);
    }

    private static Judgement judgement(Panel.Decision decision, List<Seated> seated, long seed) {
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(Locale.ROOT, "panel of %d judges (draw seed %d)%s: weight-median %.2f",
                seated.size(), seed, decision.escalated() ? ", two added when the first scores spread" : "",
                decision.median()));
        for (Seated seat : seated) {
            evidence.add(seat.score() == null
                    ? "judge " + seat.judgeId() + " gave no readable score"
                    : String.format(Locale.ROOT, "judge %s scored %.2f (weight %.2f)%s", seat.judgeId(), seat.score(),
                    seat.weight(), seat.reason() == null || seat.reason().isBlank() ? ""
                            : ": " + abbreviate(seat.reason())));
        }
        if (decision.verdict() == Verdict.INCONCLUSIVE) {
            evidence.add(decision.escalated() ? "the judges disagree too much to decide"
                    : "the median is between " + Panel.FAIL_AT + " and " + Panel.PASS_AT);
        }
        return new Judgement(decision.verdict(), METHOD, decision.median(), evidence);
    }

    private static String abbreviate(String reason) {
        String line = reason.replaceAll("\\s+", " ").strip();
        return line.length() <= REASON_SHOWN ? line : line.substring(0, REASON_SHOWN) + "…";
    }
}
