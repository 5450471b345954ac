package io.lode.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verifier's published keys, each with the period it signed in, so keys can rotate: a receipt is good only if
 * the key it names was valid when (by its own signed time) it was signed. Built from {@code /v1/verifier/keys}.
 */
public final class VerifierKeyring {

    /** One key: base64url raw Ed25519, valid from {@code validFrom} until {@code validUntil} (null: still in use). */
    public record Key(String publicKey, Instant validFrom, Instant validUntil) {
        public Key {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(validFrom, "validFrom");
        }

        boolean validAt(Instant at) {
            return !at.isBefore(validFrom) && (validUntil == null || at.isBefore(validUntil));
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final List<Key> keys;

    public VerifierKeyring(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /**
     * The ring a {@code /v1/verifier/keys} document describes: {@code {"keys": [{"publicKey", "validFrom",
     * "validUntil"}]}} with ISO-8601 instants ({@code validUntil} null or absent for the key in use).
     */
    public static VerifierKeyring parse(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode keys = JSON.readTree(json).path("keys");
            if (!keys.isArray()) {
                throw new IllegalArgumentException("no \"keys\" array");
            }
            List<Key> parsed = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode key : keys) {
                String until = key.path("validUntil").isTextual() ? key.path("validUntil").asText() : null;
                parsed.add(new Key(key.path("publicKey").asText(null), Instant.parse(key.path("validFrom").asText()),
                        until == null ? null : Instant.parse(until)));
            }
            return new VerifierKeyring(parsed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a verifier key list: " + e.getMessage(), e);
        }
    }

    public List<Key> keys() {
        return keys;
    }

    /** Whether the ring knows {@code publicKey} at all (a key it has not seen may be newer than the ring). */
    public boolean knows(String publicKey) {
        return keys.stream().anyMatch(k -> k.publicKey().equals(publicKey));
    }

    /**
     * Why a receipt signed with {@code publicKey} at {@code signedAt} over {@code text} does not hold, or empty if
     * it does: an unknown key, a key not valid at that time, or a signature that does not verify.
     */
    public Optional<String> problem(String publicKey, Instant signedAt, String text, String signature) {
        List<Key> named = keys.stream().filter(k -> k.publicKey().equals(publicKey)).toList();
        if (named.isEmpty()) {
            return Optional.of("signed with " + publicKey + ", not a key the verifier publishes");
        }
        if (named.stream().noneMatch(k -> k.validAt(signedAt))) {
            return Optional.of("signed at " + signedAt + " with key " + publicKey + ", which was not valid then");
        }
        if (!VerdictReceipts.verify(publicKey, text, signature)) {
            return Optional.of("the signature does not match what the receipt claims");
        }
        return Optional.empty();
    }
}
