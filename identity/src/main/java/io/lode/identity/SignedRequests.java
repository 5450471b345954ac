package io.lode.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;

import org.erdtman.jcs.JsonCanonicalizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signed request bodies: the body carries {@code publicKey}, {@code nonce}, {@code expiresAt} and
 * {@code signature} = base64url(Ed25519 over the RFC 8785 canonical JSON of the body without
 * {@code signature}).
 */
public final class SignedRequests {

    private static final ObjectMapper JSON = StrictJson.mapper();

    private SignedRequests() {
    }

    /** Adds publicKey, nonce, expiresAt and the signature to {@code body}. */
    public static ObjectNode sign(ObjectNode body, KeyPair keys, String nonce, Instant expiresAt) {
        ObjectNode signed = body.deepCopy();
        signed.remove("signature");
        signed.put("publicKey", AgentKeys.encodePublic(keys.getPublic()));
        signed.put("nonce", nonce);
        signed.put("expiresAt", expiresAt.toString());
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(canonical(signed));
            signed.put("signature", AgentKeys.base64url(signer.sign()));
            return signed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** Checks the signature; returns the verified key or throws {@link InvalidSignatureException} with the reason. */
    public static PublicKey verify(ObjectNode body) {
        String publicKeyText = text(body, "publicKey");
        String signatureText = text(body, "signature");
        PublicKey publicKey;
        byte[] signature;
        try {
            publicKey = AgentKeys.decodePublic(publicKeyText);
            signature = AgentKeys.decodeBase64url(signatureText, "signature");
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException(e.getMessage());
        }
        ObjectNode unsigned = body.deepCopy();
        unsigned.remove("signature");
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(canonical(unsigned));
            if (!verifier.verify(signature)) {
                throw new InvalidSignatureException("signature does not match the body and publicKey");
            }
            return publicKey;
        } catch (GeneralSecurityException e) {
            throw new InvalidSignatureException("signature is malformed: " + e.getMessage());
        }
    }

    /** RFC 8785 canonical form of {@code body}, as UTF-8 bytes. */
    public static byte[] canonical(ObjectNode body) {
        try {
            return new JsonCanonicalizer(JSON.writeValueAsString(body)).getEncodedString()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body is not serialisable", e);
        } catch (IOException e) {
            throw new InvalidSignatureException("body cannot be canonicalised: " + e.getMessage());
        }
    }

    private static String text(ObjectNode body, String field) {
        if (!body.hasNonNull(field) || !body.get(field).isTextual()) {
            throw new InvalidSignatureException(field + " is required and must be a string");
        }
        return body.get(field).asText();
    }

    /** A signature that is missing, malformed or does not verify. */
    public static final class InvalidSignatureException extends RuntimeException {
        public InvalidSignatureException(String message) {
            super(message);
        }
    }
}
