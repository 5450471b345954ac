package io.lode.testsupport.infra;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Kafka client settings for the test code of a {@code @QuarkusTest} started with {@link LodeServiceTestResource}:
 * the super user, so that a test can play any other service (write a verdict as the verifier would, read a
 * dead-letter topic).
 */
public final class TestKafka {

    /** The configuration key under which the test resource hands the super user's password to the test. */
    static final String ADMIN_PASSWORD = "lode.test.kafka-admin-password";

    private TestKafka() {
    }

    /** The super user's client settings plus {@code extra} (serializers, group id, acks …). */
    public static Map<String, Object> client(Map<String, Object> extra) {
        var config = ConfigProvider.getConfig();
        Map<String, Object> client = new HashMap<>(KafkaBroker.adminClientConfig(
                config.getValue("kafka.bootstrap.servers", String.class), config.getValue(ADMIN_PASSWORD, String.class)));
        client.putAll(extra);
        return client;
    }

    public static Map<String, Object> client() {
        return client(Map.of());
    }
}
