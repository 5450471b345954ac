package io.lode.verifier.review;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.lode.verifier.challenge.Challenge;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.challenge.DeclaredSkill;
import io.lode.verifier.challenge.ReviewGolds;

/**
 * Draws a judge's next gold review: half the time, once there are at least {@value #MIN_SOURCES} answers of the
 * skills it reviews that a panel passed with one voice, one made from them (so it reads like the judge's real
 * reviews); otherwise one made from a generated arithmetic task. The draws use the caller's secure generator: a
 * judge must not be able to predict which of its reviews are golds.
 */
public final class Golds {

    static final int MIN_SOURCES = 3;
    private static final int SOURCES_READ = 20;

    private final RandomGenerator random;

    public Golds(RandomGenerator random) {
        this.random = random;
    }

    public Challenge next(Connection connection, DeclaredSkill reviewSkill) throws SQLException {
        List<ReviewGolds.Source> sources = new Judges(connection).goldSources(reviewSkill, SOURCES_READ);
        if (sources.size() >= MIN_SOURCES && random.nextBoolean()) {
            List<ReviewGolds.Source> others = new ArrayList<>(sources);
            ReviewGolds.Source source = others.remove(random.nextInt(others.size()));
            return ReviewGolds.fromSource(reviewSkill.id(), source, others, random);
        }
        return ChallengeBank.family(Challenge.Checker.REVIEW).generate(reviewSkill.id(), random);
    }
}
