package io.lode.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lode.testsupport.infra.KafkaBroker;

/**
 * Reads and writes the local network's topics directly, as the broker's super user: an operator, or an attacker
 * who stole a service's credentials (without any, the broker lets nobody in: {@code KafkaAccessIT}).
 */
public final class TopicProbe {

    private final Map<String, Object> client;

    private TopicProbe(Map<String, Object> client) {
        this.client = client;
    }

    public static TopicProbe of(LocalNetwork network) {
        return new TopicProbe(network.infrastructure().kafkaClient(KafkaBroker.ADMIN));
    }

    /** Writes one record; returns where it landed. */
    public RecordMetadata publish(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(with(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** The records of {@code topic} with {@code key}, from the beginning, once {@code enough} holds for them. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String key,
                                                        Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        return records(topic, r -> key.equals(r.key()), enough);
    }

    /**
     * The verifier's verdict on {@code taskId} (the first, waiting for it): lode.verdicts also carries ResultHeld,
     * the fee held for review before a verdict.
     */
    public io.lode.events.verdicts.ResultVerdict verdict(String taskId) {
        return (io.lode.events.verdicts.ResultVerdict) records(io.lode.events.Topics.VERDICTS.name(),
                r -> taskId.equals(r.key()) && decode(r) instanceof io.lode.events.verdicts.ResultVerdict,
                found -> !found.isEmpty()).stream().map(TopicProbe::decode).findFirst().orElseThrow();
    }

    private static Object decode(ConsumerRecord<String, byte[]> record) {
        return io.lode.events.codec.EventCodec.shared().decode(record.value());
    }

    /** The records of {@code topic} with {@code key} written before this call. */
    public List<ConsumerRecord<String, byte[]>> recordsSoFar(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
            return found;
        }
    }

    public List<ConsumerRecord<String, byte[]>> records(String topic, Predicate<ConsumerRecord<String, byte[]>> which,
                                                        Predicate<List<ConsumerRecord<String, byte[]>>> enough) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (which.test(record)) {
                        found.add(record);
                    }
                }
                return enough.test(found);
            });
            return found;
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(with(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private Map<String, Object> with(Map<String, Object> settings) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(settings);
        return config;
    }
}
