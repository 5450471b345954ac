package io.lode.verifier.honeypot;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.lode.verifier.VerifierConfig;
import io.lode.verifier.challenge.ChallengeBank;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Every second, sends the honeypots whose drawn time has come ({@link Honeypots#sendDue}); replicas skip each other's rows. */
@ApplicationScoped
public class HoneypotSender {

    private final DataSource dataSource;
    private final Honeypots honeypots;

    public HoneypotSender(DataSource dataSource, VerifierConfig config) {
        SecureRandom random = new SecureRandom();
        this.dataSource = dataSource;
        this.honeypots = new Honeypots(config, new ChallengeBank(random), random);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void sendDue() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            honeypots.sendDue(connection);
        }
    }
}
