package io.lode.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys in the forms Lode uses on the wire: the raw 32-byte public key in base64url (no padding),
 * and the PKCS#8 private key in base64url for key files.
 */
public final class AgentKeys {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw key follows it. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int RAW_KEY_LENGTH = 32;

    private AgentKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks Ed25519", e);
        }
    }

    public static byte[] raw(PublicKey publicKey) {
        byte[] encoded = publicKey.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_LENGTH, encoded.length);
    }

    public static String encodePublic(PublicKey publicKey) {
        return base64url(raw(publicKey));
    }

    /** Parses a base64url raw public key; throws {@link IllegalArgumentException} with the reason. */
    public static PublicKey decodePublic(String base64url) {
        byte[] raw = decodeBase64url(base64url, "publicKey");
        if (raw.length != RAW_KEY_LENGTH) {
            throw new IllegalArgumentException("publicKey must be 32 bytes, got " + raw.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_KEY_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, RAW_KEY_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("publicKey is not an Ed25519 key", e);
        }
    }

    public static String encodePrivate(PrivateKey privateKey) {
        return base64url(privateKey.getEncoded());
    }

    public static PrivateKey decodePrivate(String base64url) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(decodeBase64url(base64url, "privateKey")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("privateKey is not an Ed25519 PKCS#8 key", e);
        }
    }

    static String base64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] decodeBase64url(String value, String field) {
        try {
            return Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not base64url", e);
        }
    }
}
