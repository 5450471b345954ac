package io.lode.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;

/** The self-certifying agent id: "agt_" + the first 32 hex characters of SHA-256(raw public key). */
public final class AgentId {

    private AgentId() {
    }

    public static String of(PublicKey publicKey) {
        return "agt_" + sha256Hex(AgentKeys.raw(publicKey)).substring(0, 32);
    }

    public static boolean looksValid(String agentId) {
        return agentId != null && agentId.matches("agt_[0-9a-f]{32}");
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
