package io.lode.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The verifier's receipts: an Ed25519 signature over one line per field of a verdict, so anyone holding the
 * verifier's public key can check that a verdict on a given request and response was issued, and not altered.
 * <pre>
 * lode-receipt/v3            (or v2, v1: the format line)
 * taskId
 * agentId
 * requestDigest            hex SHA-256 of the A2A request body
 * responseDigest           hex SHA-256 of the response body, or "-" when none came
 * verdict                  PASS | FAIL | INCONCLUSIVE
 * score                    %.6f
 * method
 * price                    micro-units, decimal
 * signedAt                 microseconds since the epoch, decimal
 * panelDigest              (v3) {@link #panelDigest}: hex SHA-256 of the panel's votes, or "-" when no panel judged
 * </pre>
 * v2 signs the price, so a receipt cannot justify a payment larger than the result's price, and the signing time,
 * so a retired key cannot sign a receipt dated inside its validity. v3 signs the panel, so nobody can add, drop or
 * re-score a judge of a verdict — the judges a payment pays are the verifier's. v1 (the first seven lines) is still
 * checked for verdicts signed before v2, but justifies no payment; v2 justifies a payment without a panel.
 */
public final class VerdictReceipts {

    public static final String V1 = "lode-receipt/v1";
    public static final String V2 = "lode-receipt/v2";
    public static final String V3 = "lode-receipt/v3";
    /** The panel digest of a verdict no panel gave. */
    public static final String NO_PANEL = "-";

    private VerdictReceipts() {
    }

    /** The v1 text (no price, no time): verdicts signed before v2. */
    public static String text(String taskId, String agentId, String requestDigest, String responseDigest,
                              String verdict, double score, String method) {
        return String.join("\n", V1, taskId, agentId, requestDigest, responseDigest == null ? "-" : responseDigest,
                verdict, String.format(Locale.ROOT, "%.6f", score), method);
    }

    /** The v2 text: verdicts signed before v3. */
    public static String text(String taskId, String agentId, String requestDigest, String responseDigest,
                              String verdict, double score, String method, long price, long signedAtMicros) {
        return String.join("\n", V2, taskId, agentId, requestDigest, responseDigest == null ? "-" : responseDigest,
                verdict, String.format(Locale.ROOT, "%.6f", score), method, Long.toString(price),
                Long.toString(signedAtMicros));
    }

    /** The v3 text, which every receipt is signed with now. */
    public static String text(String taskId, String agentId, String requestDigest, String responseDigest,
                              String verdict, double score, String method, long price, long signedAtMicros,
                              String panelDigest) {
        return String.join("\n", V3, taskId, agentId, requestDigest, responseDigest == null ? "-" : responseDigest,
                verdict, String.format(Locale.ROOT, "%.6f", score), method, Long.toString(price),
                Long.toString(signedAtMicros), panelDigest);
    }

    /**
     * The digest a v3 receipt signs for a panel: hex SHA-256 of one line {@code judgeId score weight} per vote
     * (both {@code %.6f}), in the order the verdict lists them; {@value #NO_PANEL} for none.
     */
    public static String panelDigest(List<PanelMedian.Vote> votes) {
        if (votes.isEmpty()) {
            return NO_PANEL;
        }
        StringBuilder lines = new StringBuilder();
        for (PanelMedian.Vote vote : votes) {
            lines.append(vote.judgeId()).append(' ').append(String.format(Locale.ROOT, "%.6f", vote.score()))
                    .append(' ').append(String.format(Locale.ROOT, "%.6f", vote.weight())).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
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
