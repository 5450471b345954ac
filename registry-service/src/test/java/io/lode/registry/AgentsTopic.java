package io.lode.registry;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.lode.events.Topics;
import io.lode.testsupport.infra.TestKafka;
import io.lode.events.codec.EventCodec;

/** Everything on lode.agents of the real broker, by key, read in the background while a test runs. */
public final class AgentsTopic implements AutoCloseable {

    private final Map<String, List<SpecificRecord>> byKey = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    public AgentsTopic() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(TestKafka.client(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "registry-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.Names.AGENTS));
        reader = new Thread(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        byKey.computeIfAbsent(record.key(), k -> new CopyOnWriteArrayList<>())
                                .add(EventCodec.shared().decode(record.value()));
                    }
                }
            }
        }, "agents-topic-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The simple names of the event types published for {@code agentId}, in order. */
    public List<String> eventTypes(String agentId) {
        return byKey.getOrDefault(agentId, List.of()).stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    public List<SpecificRecord> events(String agentId) {
        return List.copyOf(byKey.getOrDefault(agentId, List.of()));
    }

    public void awaitEvent(String agentId, String type) {
        await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(agentId).contains(type));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(5_000);
    }
}
