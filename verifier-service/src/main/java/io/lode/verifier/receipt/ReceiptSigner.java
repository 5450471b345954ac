package io.lode.verifier.receipt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.verdicts.Receipt;
import io.lode.identity.AgentKeys;
import io.lode.identity.KeyFile;
import io.lode.identity.VerdictReceipts;
import io.lode.verifier.VerifierConfig;
import io.lode.verifier.judging.Judgement;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs every verdict. The key is the Lode key file at {@code lode.verifier.signing-key-file} (made with
 * {@code lode keygen}; mounted from a secret in production); without one the verifier makes a key on first start
 * and keeps it in its database, so receipts stay checkable across restarts and replicas.
 */
@ApplicationScoped
@Startup
public class ReceiptSigner {

    private final PrivateKey privateKey;
    private final String publicKey;

    public ReceiptSigner(VerifierConfig config, DataSource dataSource) {
        KeyPair keys = config.signingKeyFile().map(ReceiptSigner::read).orElseGet(() -> stored(dataSource));
        this.privateKey = keys.getPrivate();
        this.publicKey = AgentKeys.encodePublic(keys.getPublic());
    }

    public String publicKey() {
        return publicKey;
    }

    public Receipt receipt(AgentResultReceived result, Judgement judgement) {
        String text = VerdictReceipts.text(result.getTaskId(), result.getAgentId(), result.getRequestDigest(),
                result.getResponseDigest(), judgement.verdict().name(), judgement.score(), judgement.method());
        return Receipt.newBuilder().setRequestDigest(result.getRequestDigest())
                .setResponseDigest(result.getResponseDigest()).setVerifierKey(publicKey)
                .setSignature(VerdictReceipts.sign(privateKey, text)).build();
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
