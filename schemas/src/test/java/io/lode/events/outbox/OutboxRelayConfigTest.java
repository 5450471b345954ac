package io.lode.events.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The relay connects as the service's other Kafka clients do, with its own delivery settings on top. */
class OutboxRelayConfigTest {

    @Test
    void theServicesTlsAndSaslSettingsReachTheRelaysProducer() {
        Map<String, Object> config = OutboxRelay.producerConfig("reward-service", Map.of(
                "bootstrap.servers", "broker:9093", "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "acks", "0"));

        assertThat(config).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("client.id", "reward-service-outbox");
    }
}
