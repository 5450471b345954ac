package io.lode.verifier.review;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.lode.identity.EndpointAuthority;
import io.lode.identity.ReviewContract;
import io.lode.verifier.challenge.DeclaredSkill;
import io.lode.verifier.challenge.ReviewGolds;

/**
 * What the verifier knows of judges, on the caller's connection: every agent's endpoint and status (from the
 * registry's events), the judges among them (a skill tagged {@value ReviewContract#TAG}; its other tags say
 * which skills it reviews — none: any), and each judge's gold results and review distances, replayed into a
 * {@link JudgeStanding} whenever one is recorded into the weight draws read ({@code judge_weight}). The rows are the
 * standing and live in the database, so every replica draws from the same record.
 */
public final class Judges {

    /** Golds replayed into a standing: enough for its window and for the last three of every kind. */
    static final int GOLDS_REPLAYED = 200;

    private final Connection connection;

    public Judges(Connection connection) {
        this.connection = connection;
    }

    /** A judge that can sit on a panel: its candidacy (weight from its standing) and the skill it reviews with. */
    public record Seat(Panel.Candidate candidate, DeclaredSkill reviewSkill) {
    }

    public void card(String agentId, String endpoint) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agent_card (agent_id, endpoint) "
                + "VALUES (?, ?) ON CONFLICT (agent_id) DO UPDATE SET endpoint = EXCLUDED.endpoint")) {
            upsert.setString(1, agentId);
            upsert.setString(2, endpoint);
            upsert.executeUpdate();
        }
    }

    public void status(String agentId, String status) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE agent_card SET status = ? WHERE agent_id = ?")) {
            update.setString(1, status);
            update.setString(2, agentId);
            update.executeUpdate();
        }
    }

    /** Who did the work, as the draw's conflict rule sees it. */
    public Panel.Worker worker(String agentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT endpoint FROM agent_card WHERE agent_id = ?")) {
            select.setString(1, agentId);
            try (ResultSet row = select.executeQuery()) {
                String endpoint = row.next() ? EndpointAuthority.of(row.getString(1)) : "";
                // An agent's owner key is its identity, and it is paid to its own account: one id stands for all three.
                return new Panel.Worker(agentId, agentId, agentId, endpoint);
            }
        }
    }

    /**
     * The ACTIVE judges that review {@code work} (a judge tagged with skills reviews a skill sharing its id or a
     * tag with them; an untagged judge reviews any), each with its weight now.
     */
    public List<Seat> seatsFor(Optional<DeclaredSkill> work) throws SQLException {
        List<Seat> seats = new ArrayList<>();
        List<String> unweighed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT a.agent_id, a.endpoint, s.skill, "
                + "s.name, s.description, s.tags, w.weight FROM agent_card a "
                + "JOIN agent_skill s ON s.agent_id = a.agent_id LEFT JOIN judge_weight w ON w.judge_id = a.agent_id "
                + "WHERE a.status = 'ACTIVE' AND s.checker = 'REVIEW' ORDER BY a.agent_id, s.skill")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String judgeId = rows.getString(1);
                    if (seats.stream().anyMatch(s -> s.candidate().judgeId().equals(judgeId))) {
                        continue; // one seat per judge, whatever number of review skills it declares
                    }
                    DeclaredSkill reviewSkill = new DeclaredSkill(rows.getString(3), rows.getString(4),
                            rows.getString(5), tags(rows.getArray(6)));
                    List<String> reviews = reviewedTags(reviewSkill);
                    double weight = rows.getDouble(7);
                    if (rows.wasNull()) {
                        unweighed.add(judgeId);
                    }
                    if (reviews.isEmpty() || work.filter(skill -> reviews.contains(skill.id())
                            || skill.tags().stream().anyMatch(reviews::contains)).isPresent()) {
                        seats.add(new Seat(new Panel.Candidate(judgeId, weight, judgeId, judgeId,
                                EndpointAuthority.of(rows.getString(2))), reviewSkill));
                    }
                }
            }
        }
        if (unweighed.isEmpty()) {
            return seats;
        }
        List<Seat> weighed = new ArrayList<>(seats.size());
        for (Seat seat : seats) {
            Panel.Candidate c = seat.candidate();
            double weight = unweighed.contains(c.judgeId()) ? reweigh(c.judgeId()) : c.weight();
            weighed.add(new Seat(new Panel.Candidate(c.judgeId(), weight, c.owner(), c.payout(), c.endpoint()),
                    seat.reviewSkill()));
        }
        return weighed;
    }

    /** The judge's standing: its recorded golds and reviews replayed in order. */
    public JudgeStanding standing(String judgeId) throws SQLException {
        JudgeStanding standing = new JudgeStanding();
        List<Object[]> golds = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT kind, correct FROM judge_gold "
                + "WHERE judge_id = ? ORDER BY id DESC LIMIT " + GOLDS_REPLAYED)) {
            select.setString(1, judgeId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    golds.add(new Object[] {GoldKind.valueOf(rows.getString(1)), rows.getBoolean(2)});
                }
            }
        }
        Collections.reverse(golds);
        golds.forEach(g -> standing.recordGold((GoldKind) g[0], (Boolean) g[1]));
        List<Double> distances = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT distance FROM judge_review "
                + "WHERE judge_id = ? ORDER BY id DESC LIMIT " + JudgeStanding.REVIEW_WINDOW)) {
            select.setString(1, judgeId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    distances.add(rows.getDouble(1));
                }
            }
        }
        Collections.reverse(distances);
        distances.forEach(standing::recordReview);
        return standing;
    }

    public void recordGold(String judgeId, GoldKind kind, boolean correct) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO judge_gold (judge_id, kind, correct) VALUES (?, ?, ?)")) {
            insert.setString(1, judgeId);
            insert.setString(2, kind.name());
            insert.setBoolean(3, correct);
            insert.executeUpdate();
        }
        reweigh(judgeId);
    }

    public void recordReview(String judgeId, double distanceFromMedian) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO judge_review (judge_id, distance) VALUES (?, ?)")) {
            insert.setString(1, judgeId);
            insert.setDouble(2, distanceFromMedian);
            insert.executeUpdate();
        }
        reweigh(judgeId);
    }

    /** Replays the judge's standing and stores the weight draws read; the weight. */
    private double reweigh(String judgeId) throws SQLException {
        double weight = standing(judgeId).weight();
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO judge_weight (judge_id, weight) "
                + "VALUES (?, ?) ON CONFLICT (judge_id) DO UPDATE SET weight = EXCLUDED.weight, updated_at = now()")) {
            upsert.setString(1, judgeId);
            upsert.setDouble(2, weight);
            upsert.executeUpdate();
        }
        return weight;
    }

    /** Keeps an answer a panel passed with one voice, for gold reviews of its skill. */
    public void addGoldSource(String taskId, DeclaredSkill skill, String task, String answer) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gold_source (task_id, skill, name, "
                + "description, tags, task, answer) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, taskId);
            insert.setString(2, skill.id());
            insert.setString(3, skill.name());
            insert.setString(4, skill.description());
            insert.setArray(5, connection.createArrayOf("text", skill.tags().toArray()));
            insert.setString(6, task);
            insert.setString(7, answer);
            insert.executeUpdate();
        }
    }

    /** Up to {@code limit} recent gold sources of the skills a judge's review skill covers. */
    public List<ReviewGolds.Source> goldSources(DeclaredSkill reviewSkill, int limit) throws SQLException {
        List<String> reviews = reviewedTags(reviewSkill);
        String where = reviews.isEmpty() ? "" : "WHERE skill = ANY (?) OR tags && ?";
        try (PreparedStatement select = connection.prepareStatement("SELECT task, answer, skill, name, description "
                + "FROM gold_source " + where + " ORDER BY created_at DESC LIMIT " + limit)) {
            if (!reviews.isEmpty()) {
                Array tags = connection.createArrayOf("text", reviews.toArray());
                select.setArray(1, tags);
                select.setArray(2, tags);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<ReviewGolds.Source> sources = new ArrayList<>();
                while (rows.next()) {
                    sources.add(new ReviewGolds.Source(rows.getString(1), rows.getString(2),
                            new ReviewRequest.Skill(rows.getString(3), rows.getString(4), rows.getString(5))));
                }
                return sources;
            }
        }
    }

    /** The skills a review skill says it reviews: its tags but the judge's own; none means any. */
    private static List<String> reviewedTags(DeclaredSkill reviewSkill) {
        return reviewSkill.tags().stream().filter(t -> !t.equals(ReviewContract.TAG)).toList();
    }

    private static List<String> tags(Array tags) throws SQLException {
        return List.of((String[]) tags.getArray());
    }
}
