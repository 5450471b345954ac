package io.lode.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Locale;

/**
 * The verifier's receipts: an Ed25519 signature over one line per field of a verdict, so anyone holding the
 * verifier's public key can check that a verdict on a given request and response was issued, and not altered.
 * <pre>
 * lode-receipt/v1
 * taskId
 * agentId
 * requestDigest            hex SHA-256 of the A2A request body
 * responseDigest           hex SHA-256 of the response body, or "-" when none came
 * verdict                  PASS | FAIL | INCONCLUSIVE
 * score                    %.6f
 * method
 * </pre>
 */
public final class VerdictReceipts {

    private static final String VERSION = "lode-receipt/v1";

    private VerdictReceipts() {
    }

    public static String text(String taskId, String agentId, String requestDigest, String responseDigest,
                              String verdict, double score, String method) {
        return String.join("\n", VERSION, taskId, agentId, requestDigest, responseDigest == null ? "-" : responseDigest,
                verdict, String.format(Locale.ROOT, "%.6f", score), method);
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

    /** Whether {@code signature} (base64url) is the signature of {@code text} by {@code publicKey} (base64url raw). */
    public static boolean verify(String publicKey, String text, String signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(AgentKeys.decodePublic(publicKey));
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(AgentKeys.decodeBase64url(signature, "signature"));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
