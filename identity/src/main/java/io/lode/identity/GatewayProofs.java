package io.lode.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The proof that a request reached a backend through the gateway: an HMAC-SHA256, under a secret only the gateway and
 * the backends hold, over what the backend trusts the gateway for — the account it authenticated and the client
 * address it saw — bound to the request (method, target) and to a time, so a captured proof neither fits another
 * request nor lasts. The header value is {@code v1.<issuedAtMillis>.<base64url mac>} over
 * <pre>
 * lode-gateway/v1
 * issuedAtMillis
 * METHOD
 * request target (path and query, as sent)
 * account, or "-"
 * client address, or "-"
 * </pre>
 */
public final class GatewayProofs {

    public static final String HEADER = "X-Lode-Gateway-Proof";
    /** How old (or how far ahead, for clock skew) a proof may be. */
    public static final Duration VALIDITY = Duration.ofSeconds(30);
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;

    public GatewayProofs(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the gateway proof secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (lode.gateway-proof.secret)");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value the gateway sends with a request it forwards. */
    public String sign(Instant issuedAt, String method, String target, String account, String client) {
        long millis = issuedAt.toEpochMilli();
        return "v1." + millis + "." + AgentKeys.base64url(mac(text(millis, method, target, account, client)));
    }

    /** Why {@code proof} does not vouch for this request at {@code now}, or empty if it does. */
    public Optional<String> problem(String proof, Instant now, String method, String target, String account,
                                    String client) {
        if (proof == null || proof.isBlank()) {
            return Optional.of("no " + HEADER + ": only the gateway may set X-Lode-Account or the client address");
        }
        String[] parts = proof.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("v1") || !parts[1].matches("\\d{1,15}")) {
            return Optional.of("a malformed " + HEADER);
        }
        long millis = Long.parseLong(parts[1]);
        if (Math.abs(now.toEpochMilli() - millis) > VALIDITY.toMillis()) {
            return Optional.of("an expired " + HEADER);
        }
        byte[] expected = mac(text(millis, method, target, account, client));
        byte[] given;
        try {
            given = AgentKeys.decodeBase64url(parts[2], "proof");
        } catch (IllegalArgumentException e) {
            return Optional.of("a malformed " + HEADER);
        }
        return MessageDigest.isEqual(expected, given) ? Optional.empty()
                : Optional.of("a " + HEADER + " that does not match this request");
    }

    private static String text(long millis, String method, String target, String account, String client) {
        return String.join("\n", "lode-gateway/v1", Long.toString(millis), method, target,
                account == null ? "-" : account, client == null ? "-" : client);
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
