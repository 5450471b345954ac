package io.lode.testsupport.infra;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Kafka passwords of one run, one per principal, made on first use and never written anywhere. */
final class KafkaPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords = new ConcurrentHashMap<>();

    String of(String principal) {
        return passwords.computeIfAbsent(principal, p -> {
            byte[] secret = new byte[24];
            RANDOM.nextBytes(secret);
            return HexFormat.of().formatHex(secret);
        });
    }
}
