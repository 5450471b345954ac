package io.lode.verifier.receipt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.verdicts.PanelScore;
import io.lode.events.verdicts.Receipt;
import io.lode.identity.AgentKeys;
import io.lode.identity.KeyFile;
import io.lode.identity.PanelMedian;
import io.lode.identity.VerdictReceipts;
import io.lode.identity.VerifierKeyring;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.judging.Judgement;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs every verdict. The key is the Lode key file at {@code lode.verifier.signing-key-file} (made with
 * {@code lode keygen}; mounted from a secret in production); without one the verifier makes a key on first start
 * and keeps it in its database, so receipts stay checkable across restarts and replicas. Every key it has signed
 * with is kept with its validity ({@code verifier_key}): a new key starts a rotation, and the keys before it stay
 * valid for {@code key-rotation-overlap} more.
 */
@ApplicationScoped
@Startup
public class ReceiptSigner {

    private final PrivateKey privateKey;
    private final String publicKey;
    private final DataSource dataSource;

    public ReceiptSigner(VerifierConfig config, DataSource dataSource) {
        KeyPair keys = config.signingKeyFile().map(ReceiptSigner::read).orElseGet(() -> stored(dataSource));
        this.privateKey = keys.getPrivate();
        this.publicKey = AgentKeys.encodePublic(keys.getPublic());
        this.dataSource = dataSource;
        startSigningWith(publicKey, config.keyRotationOverlap());
    }

    public String publicKey() {
        return publicKey;
    }

    /** Every key the verifier has signed with, oldest first, with its validity. */
    public List<VerifierKeyring.Key> keys() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT public_key, valid_from, valid_until FROM verifier_key ORDER BY valid_from, public_key");
             ResultSet rows = select.executeQuery()) {
            List<VerifierKeyring.Key> keys = new ArrayList<>();
            while (rows.next()) {
                Timestamp until = rows.getTimestamp(3);
                keys.add(new VerifierKeyring.Key(rows.getString(1), rows.getTimestamp(2).toInstant(),
                        until == null ? null : until.toInstant()));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the verifier's keys", e);
        }
    }

    /** A lode-receipt/v3 for the verdict, signing the panel that gave it (none for every other method). */
    public Receipt receipt(AgentResultReceived result, Judgement judgement, List<PanelScore> panel) {
        long signedAt = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        String text = VerdictReceipts.text(result.getTaskId(), result.getAgentId(), result.getRequestDigest(),
                result.getResponseDigest(), judgement.verdict().name(), judgement.score(), judgement.method(),
                result.getPrice(), signedAt, VerdictReceipts.panelDigest(panel.stream()
                        .map(p -> new PanelMedian.Vote(p.getJudgeId(), p.getScore(), p.getWeight())).toList()));
        return Receipt.newBuilder().setRequestDigest(result.getRequestDigest())
                .setResponseDigest(result.getResponseDigest()).setVerifierKey(publicKey)
                .setSignature(VerdictReceipts.sign(privateKey, text)).setFormat(VerdictReceipts.V3)
                .setSignedAtMicros(signedAt).build();
    }

    /**
     * Records {@code key} as valid from now if it is new, and ends the validity of the keys before it after the
     * overlap. Replicas starting together with the same key insert it once.
     */
    private void startSigningWith(String key, java.time.Duration overlap) {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("LOCK TABLE verifier_key IN EXCLUSIVE MODE");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO verifier_key (public_key, "
                         + "valid_from) VALUES (?, ?) ON CONFLICT (public_key) DO NOTHING")) {
                lock.execute();
                insert.setString(1, key);
                insert.setTimestamp(2, Timestamp.from(now));
                if (insert.executeUpdate() == 1) {
                    try (PreparedStatement retire = connection.prepareStatement("UPDATE verifier_key SET valid_until "
                            + "= ? WHERE public_key <> ? AND (valid_until IS NULL OR valid_until > ?)")) {
                        retire.setTimestamp(1, Timestamp.from(now.plus(overlap)));
                        retire.setString(2, key);
                        retire.setTimestamp(3, Timestamp.from(now.plus(overlap)));
                        retire.executeUpdate();
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the receipt signing key", e);
        }
    }

    private static KeyPair read(Path file) {
        try {
            return KeyFile.read(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the receipt signing key file " + file, e);
        }
    }

    private static KeyPair stored(DataSource dataSource) {
        KeyPair fresh = AgentKeys.generate();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO signing_key (id, public_key, "
                    + "private_key) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, AgentKeys.encodePublic(fresh.getPublic()));
                insert.setString(2, AgentKeys.encodePrivate(fresh.getPrivate()));
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT public_key, private_key FROM signing_key WHERE id = 1");
                 ResultSet row = select.executeQuery()) {
                row.next();
                return new KeyPair(AgentKeys.decodePublic(row.getString(1)), AgentKeys.decodePrivate(row.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the receipt signing key", e);
        }
    }
}
