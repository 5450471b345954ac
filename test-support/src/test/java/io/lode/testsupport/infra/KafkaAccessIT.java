package io.lode.testsupport.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lode.events.KafkaAccess;
import io.lode.events.Topic;
import io.lode.events.Topics;

/**
 * The broker every test and the local network run on lets in only who authenticates (SASL/SCRAM) and lets each
 * principal do only what {@link KafkaAccess} grants it: a forged verdict needs the verifier's own password.
 */
class KafkaAccessIT {

    @TempDir
    static Path dataDir;

    private static EmbeddedInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0);
        infra.createTopics(Topics.all());
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void aClientWithoutCredentialsCannotWriteVerdicts() {
        long before = end(Topics.VERDICTS);
        Map<String, Object> anonymous = new HashMap<>(Map.of("bootstrap.servers", infra.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000));

        assertThatThrownBy(() -> send(anonymous, Topics.VERDICTS)).isInstanceOf(TimeoutException.class);
        assertThat(end(Topics.VERDICTS)).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> guessing = KafkaAccess.clientConfig(infra.bootstrapServers(),
                KafkaAccess.VERIFIER.principal(), "guess");

        assertThatThrownBy(() -> send(guessing, Topics.VERDICTS)).isInstanceOf(
                SaslAuthenticationException.class);
    }

    @Test
    void eachServiceWritesOnlyTheTopicsItPublishes() throws Exception {
        send(client(KafkaAccess.VERIFIER), Topics.VERDICTS);
        for (KafkaAccess access : KafkaAccess.ALL) {
            for (Topic topic : Topics.all()) {
                if (access.writes().contains(topic)) {
                    continue;
                }
                long before = end(topic);
                assertThatThrownBy(() -> send(client(access), topic)).as(access.principal() + " writes " + topic.name())
                        .isInstanceOf(AuthorizationException.class);
                assertThat(end(topic)).isEqualTo(before);
            }
        }
    }

    @Test
    void aServiceReadsOnlyWhatItConsumesAndOnlyInItsOwnGroups() {
        try (KafkaConsumer<byte[], byte[]> reward = consumer(KafkaAccess.REWARD, "reward-service")) {
            reward.subscribe(List.of(Topics.AGENTS.name()));
            assertThatThrownBy(() -> reward.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<byte[], byte[]> reward = consumer(KafkaAccess.REWARD, "verifier-service")) {
            reward.subscribe(List.of(Topics.VERDICTS.name()));
            assertThatThrownBy(() -> reward.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
        try (KafkaConsumer<byte[], byte[]> reward = consumer(KafkaAccess.REWARD, "reward-service-probe")) {
            reward.subscribe(List.of(Topics.VERDICTS.name()));
            reward.poll(Duration.ofSeconds(2)); // authorised: no exception
            assertThat(reward.assignment()).isNotNull();
        }
    }

    @Test
    void theAuditorReadsEveryEventTopicAndWritesNone() {
        try (KafkaConsumer<byte[], byte[]> auditor = consumer(KafkaAccess.AUDITOR, null)) {
            for (Topic topic : Topics.EVENT_TOPICS) {
                List<TopicPartition> partitions = auditor.partitionsFor(topic.name()).stream()
                        .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
                assertThat(auditor.endOffsets(partitions)).as(topic.name()).hasSize(topic.partitions());
            }
        }
        assertThat(KafkaAccess.AUDITOR.writes()).isEmpty();
        // refused before any topic is named: a principal that may write nothing gets no producer id. Depending on
        // when the refused producer-id request comes back, send() fails with the AuthorizationException itself or
        // with the producer's "error state" KafkaException caused by it.
        assertThatThrownBy(() -> send(client(KafkaAccess.AUDITOR), Topics.LEDGER))
                .satisfies(e -> assertThat(java.util.stream.Stream.iterate(e, c -> c != null, Throwable::getCause))
                        .anyMatch(AuthorizationException.class::isInstance));
    }

    private static Map<String, Object> client(KafkaAccess access) {
        return infra.kafkaClient(access.principal());
    }

    private static void send(Map<String, Object> client, Topic topic) throws Exception {
        Map<String, Object> config = new HashMap<>(client);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            try {
                producer.send(new ProducerRecord<>(topic.name(), "k".getBytes(), "forged".getBytes())).get();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaAccess access, String group) {
        Map<String, Object> config = new HashMap<>(client(access));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Where a topic ends now, summed over its partitions, read by the super user. */
    private static long end(Topic topic) {
        try (KafkaConsumer<byte[], byte[]> admin = new KafkaConsumer<>(infra.kafkaClient(KafkaBroker.ADMIN),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = admin.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
            return admin.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
