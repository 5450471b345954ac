package io.lode.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;

import io.lode.identity.SignedRequests.InvalidSignatureException;

/**
 * An agent's key holder proving it asks for itself, on a read that is private (its ledger account, its epoch
 * proof): {@code X-Lode-Agent-Proof: <publicKey>.<signedAtMillis>.<signature>}, the signature Ed25519 over
 * <pre>
 * lode-agent-read/v1
 * METHOD
 * request target (path and query, as sent)
 * signedAtMillis
 * </pre>
 * good for {@link #VALIDITY} either side of the reader's clock. Reads change nothing, so a replay within that
 * window only repeats the same read to the same key holder's data.
 */
public final class AgentReadProofs {

    public static final String HEADER = "X-Lode-Agent-Proof";
    public static final Duration VALIDITY = Duration.ofSeconds(60);

    private AgentReadProofs() {
    }

    public static String sign(KeyPair keys, String method, String target, Instant at) {
        long millis = at.toEpochMilli();
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(text(method, target, millis));
            return AgentKeys.encodePublic(keys.getPublic()) + "." + millis + "." + AgentKeys.base64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** The key that signed {@code proof} for this request at {@code now}; throws {@link InvalidSignatureException}. */
    public static PublicKey verify(String proof, String method, String target, Instant now) {
        String[] parts = proof == null ? new String[0] : proof.split("\\.", -1);
        if (parts.length != 3 || !parts[1].matches("\\d{1,15}")) {
            throw new InvalidSignatureException(HEADER + " must be <publicKey>.<signedAtMillis>.<signature>");
        }
        long millis = Long.parseLong(parts[1]);
        if (Math.abs(now.toEpochMilli() - millis) > VALIDITY.toMillis()) {
            throw new InvalidSignatureException(HEADER + " was signed more than " + VALIDITY.toSeconds()
                    + " s from now");
        }
        try {
            PublicKey key = AgentKeys.decodePublic(parts[0]);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(text(method, target, millis));
            if (!verifier.verify(AgentKeys.decodeBase64url(parts[2], "signature"))) {
                throw new InvalidSignatureException(HEADER + " does not match this request and key");
            }
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidSignatureException(HEADER + " is malformed: " + e.getMessage());
        }
    }

    private static byte[] text(String method, String target, long millis) {
        return String.join("\n", "lode-agent-read/v1", method, target, Long.toString(millis))
                .getBytes(StandardCharsets.UTF_8);
    }
}
