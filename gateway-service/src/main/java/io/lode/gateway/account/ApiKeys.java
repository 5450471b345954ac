package io.lode.gateway.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import io.lode.identity.AdminTokens;

/** API keys: 256 random bits, shown once; only their SHA-256 is stored. */
public final class ApiKeys {

    public static final String PREFIX = "lode_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newAccountId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "acc_" + HexFormat.of().formatHex(bytes);
    }

    /** What is stored of a key: a plain SHA-256 is a safe one-way hash of 256 random bits. */
    public static String hash(String apiKey) {
        return AdminTokens.sha256Hex(apiKey);
    }

    /** The key in an {@code Authorization: Bearer} header, or null. */
    public static String fromAuthorization(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = header.substring(7).strip();
        return key.startsWith(PREFIX) && key.length() < 200 ? key : null;
    }
}
