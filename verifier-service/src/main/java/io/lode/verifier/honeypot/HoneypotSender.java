package io.lode.verifier.honeypot;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.ChallengeBank;
import io.lode.verifier.verification.VerifierEventHandler;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The verifier's clock: every second, sends the honeypots whose drawn time has come ({@link Honeypots#sendDue}); every
 * five, closes overdue reviews. Replicas skip each other's rows.
 */
@ApplicationScoped
public class HoneypotSender {

    private final DataSource dataSource;
    private final Honeypots honeypots;
    private final VerifierEventHandler handler;

    public HoneypotSender(DataSource dataSource, VerifierConfig config, VerifierEventHandler handler) {
        SecureRandom random = new SecureRandom();
        this.dataSource = dataSource;
        this.honeypots = new Honeypots(config, new ChallengeBank(random), random);
        this.handler = handler;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sendDue() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            honeypots.sendDue(connection);
        }
    }

    /** Every five seconds, closes the reviews whose judges never answered ({@link VerifierEventHandler#expireReviews}). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireReviews() {
        handler.expireReviews();
    }

    /** Every five seconds, pays out held answers whose hold ended unreviewed ({@link VerifierEventHandler#releaseHolds}). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void releaseHolds() {
        handler.releaseHolds();
    }
}
