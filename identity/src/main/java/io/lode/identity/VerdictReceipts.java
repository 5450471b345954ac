package io.lode.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Locale;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The verifier's receipts: an Ed25519 signature over one line per field of a verdict, so anyone holding the
 * verifier's public key can check that a verdict on a given request and response was issued, and not altered.
 * <pre>
 * lode-receipt/v2
 * taskId
 * agentId
 * requestDigest            hex SHA-256 of the A2A request body
 * responseDigest           hex SHA-256 of the response body, or "-" when none came
 * verdict                  PASS | FAIL | INCONCLUSIVE
 * score                    %.6f
 * method
 * price                    micro-units, decimal
 * signedAt                 microseconds since the epoch, decimal
 * </pre>
 * v2 signs the price, so a receipt cannot justify a payment larger than the result's price, and the signing time,
 * so a retired key cannot sign a receipt dated inside its validity. v1 (the first seven lines) is still checked for
 * verdicts signed before v2, but justifies no payment.
 */
public final class VerdictReceipts {

    public static final String V1 = "lode-receipt/v1";
    public static final String V2 = "lode-receipt/v2";

    private VerdictReceipts() {
    }

    /** The v1 text (no price, no time): verdicts signed before v2. */
    public static String text(String taskId, String agentId, String requestDigest, String responseDigest,
                              String verdict, double score, String method) {
        return String.join("\n", V1, taskId, agentId, requestDigest, responseDigest == null ? "-" : responseDigest,
                verdict, String.format(Locale.ROOT, "%.6f", score), method);
    }

    /** The v2 text, which every receipt is signed with now. */
    public static String text(String taskId, String agentId, String requestDigest, String responseDigest,
                              String verdict, double score, String method, long price, long signedAtMicros) {
        return String.join("\n", V2, taskId, agentId, requestDigest, responseDigest == null ? "-" : responseDigest,
                verdict, String.format(Locale.ROOT, "%.6f", score), method, Long.toString(price),
                Long.toString(signedAtMicros));
    }

    /** base64url Ed25519 signature of {@code text}. */
    public static String sign(PrivateKey key, String text) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return AgentKeys.base64url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a receipt", e);
        }
    }

    /**
     * Whether {@code signature} (base64url) is the signature of {@code text} by {@code publicKey} (base64url raw).
     * Checked with Bouncy Castle's RFC 8032 code on the raw key: a ledger or an audit checks one receipt per payment
     * and per verdict, and the JDK's provider is several times slower at it.
     */
    public static boolean verify(String publicKey, String text, String signature) {
        try {
            byte[] key = AgentKeys.decodeBase64url(publicKey, "publicKey");
            byte[] sig = AgentKeys.decodeBase64url(signature, "signature");
            if (key.length != Ed25519.PUBLIC_KEY_SIZE || sig.length != Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            byte[] message = text.getBytes(StandardCharsets.UTF_8);
            return Ed25519.verify(sig, 0, key, 0, message, 0, message.length);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
