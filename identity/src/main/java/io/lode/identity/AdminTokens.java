package io.lode.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Operators' bearer tokens for the admin APIs. A service is configured with the token's SHA-256 only, so the token
 * is in no file or environment of the service; a presented token is compared in constant time.
 */
public final class AdminTokens {

    private AdminTokens() {
    }

    /** Whether {@code authorization} is {@code Bearer <token>} for the token whose SHA-256 (hex) is given. */
    public static boolean matches(String authorization, String expectedSha256Hex) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (token.isEmpty() || expectedSha256Hex == null || expectedSha256Hex.length() != 64) {
            return false;
        }
        return MessageDigest.isEqual(HexFormat.of().parseHex(sha256Hex(token)),
                HexFormat.of().parseHex(expectedSha256Hex.toLowerCase(java.util.Locale.ROOT)));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
