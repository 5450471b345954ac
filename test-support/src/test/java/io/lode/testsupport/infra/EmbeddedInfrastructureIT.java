package io.lode.testsupport.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lode.events.Envelopes;
import io.lode.events.KafkaAccess;
import io.lode.events.Topics;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.codec.EventCodec;
import io.lode.events.codec.EventDeserializer;
import io.lode.events.codec.EventSerializer;

/** The embedded broker and database are real servers, and they keep their data across a restart. */
class EmbeddedInfrastructureIT {

    @TempDir
    Path dataDir;

    @Test
    void eventsAndRowsSurviveARestart() throws Exception {
        AccountOpened opened = AccountOpened.newBuilder()
                .setEnvelope(Envelopes.next("test", "acc_1", null)).setAccountId("acc_1").setStartingCredits(5)
                .build();

        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            infra.createTopics(Topics.all());
            try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(with(
                    infra.kafkaClient(KafkaAccess.GATEWAY.principal()), Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                    new StringSerializer(), new EventSerializer())) {
                producer.send(new ProducerRecord<>(Topics.ACCOUNTS.name(), "acc_1", opened)).get();
            }
            try (Connection c = DriverManager.getConnection(infra.database("probe"), infra.databaseUser(),
                    infra.databasePassword()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v TEXT)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
        }

        assertThat(Files.exists(dataDir.resolve("kafka/kafka-logs/meta.properties"))).isTrue();
        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            assertThat(readAll(infra, Topics.ACCOUNTS.name())).containsExactly(opened);
            try (Connection c = DriverManager.getConnection(infra.database("probe"), infra.databaseUser(),
                    infra.databasePassword()); Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void topicsAreCreatedFromTheCatalogueOnlyOnce() {
        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            infra.createTopics(Topics.all());
            infra.createTopics(Topics.all());

            try (var admin = org.apache.kafka.clients.admin.Admin.create(infra.kafkaClient(KafkaBroker.ADMIN))) {
                var names = admin.listTopics().names().get();
                assertThat(names).containsAll(Topics.all().stream().map(t -> t.name()).toList());
                var description = admin.describeTopics(List.of(Topics.TASKS.name())).allTopicNames().get()
                        .get(Topics.TASKS.name());
                assertThat(description.partitions()).hasSize(Topics.TASKS.partitions());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    static List<SpecificRecord> readAll(Infrastructure infra, String topic) {
        List<SpecificRecord> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(with(infra.kafkaClient(KafkaBroker.ADMIN),
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + Instant.now().toEpochMilli(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(new EventDeserializer().deserialize(topic, record.value()));
                }
            }
        }
        return events;
    }

    static byte[] encode(SpecificRecord event) {
        return EventCodec.shared().encode(event);
    }

    /** A producer as the gateway's principal, which publishes lode.accounts. */
    static KafkaProducer<String, byte[]> rawProducer(Infrastructure infra) {
        return new KafkaProducer<>(with(infra.kafkaClient(KafkaAccess.GATEWAY.principal()), Map.of(
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")),
                new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> with(Map<String, Object> client, Map<String, Object> settings) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(settings);
        return config;
    }
}
