package io.lode.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.lode.events.Topic;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.reward.audit.LoggedEvent;

/**
 * Reads every lode.* event topic from its first record to the end it had when reading began, decoding each record
 * with the released schemas. A record no schema decodes is kept by its place, for the audit to report.
 */
public final class EventLog {

    private static final Duration STALLED = Duration.ofSeconds(30);

    /**
     * What was read: the events, the places of undecodable records, how many records of each topic, and where each
     * partition ended when reading began.
     */
    public record Contents(List<LoggedEvent> events, List<String> undecodable, Map<String, Long> perTopic,
                    Map<TopicPartition, Long> ends) {
    }

    private final Map<String, Object> client;

    /** {@code client}: the Kafka client settings (bootstrap servers, SASL, TLS) of a principal that may read. */
    public EventLog(Map<String, Object> client) {
        this.client = Map.copyOf(client);
    }

    /** Where every partition of the event topics ends now. */
    Map<TopicPartition, Long> ends() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer));
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : Topics.EVENT_TOPICS) {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(topic.name());
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new IllegalStateException("the broker at " + client.get("bootstrap.servers") + " did not answer "
                        + "within 15 s: is it up, and are the credentials right? A secured broker serves nobody "
                        + "without them (--kafka-config)", e);
            } catch (org.apache.kafka.common.errors.AuthenticationException
                     | org.apache.kafka.common.errors.AuthorizationException e) {
                throw new IllegalStateException("the broker refused to serve " + topic.name() + ": " + e.getMessage()
                        + " (--kafka-config names the principal; the auditor's may read every event topic)", e);
            }
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties config = new Properties();
        config.putAll(client);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "lode-audit");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public Contents read(Progress progress) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            progress.start(total);
            List<LoggedEvent> events = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE - 8));
            List<String> undecodable = new ArrayList<>();
            Map<String, Long> perTopic = new HashMap<>();
            long lastProgress = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                int read = 0;
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue; // written after the audit began
                    }
                    read++;
                    perTopic.merge(record.topic(), 1L, Long::sum);
                    try {
                        events.add(new LoggedEvent(record.topic(), record.partition(), record.offset(),
                                EventCodec.shared().decode(record.value())));
                    } catch (RuntimeException e) { // UndecodableEventException, or a record the codec chokes on
                        undecodable.add(record.topic() + "/" + record.partition() + "@" + record.offset() + ": "
                                + e.getMessage());
                    }
                }
                progress.advance(read);
                if (read > 0) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALLED.toNanos()) {
                    throw new IllegalStateException("no records from " + client.get("bootstrap.servers") + " for " + STALLED
                            .toSeconds() + " s before the end of the log");
                }
            }
            progress.finish();
            return new Contents(events, undecodable, perTopic, end);
        }
    }

    /** A progress line on the terminal: records read of all, rate, and time left; silent when not asked for. */
    public static final class Progress {
        private final PrintWriter out;
        private long total;
        private long done;
        private long started;
        private long lastShown;

        public Progress(PrintWriter out) {
            this.out = out;
        }

        void start(long total) {
            this.total = total;
            this.started = System.nanoTime();
        }

        void advance(int records) {
            done += records;
            long now = System.nanoTime();
            if (out != null && now - lastShown > 250_000_000L) {
                lastShown = now;
                double perSecond = done / Math.max(1e-9, (now - started) / 1e9);
                long etaSeconds = perSecond > 0 ? (long) ((total - done) / perSecond) : 0;
                int width = 30;
                int filled = total == 0 ? width : (int) (width * done / total);
                out.printf("\r[%s%s] %,d/%,d events  %,.0f/s  ETA %ds ", "#".repeat(filled),
                        " ".repeat(width - filled), done, total, perSecond, etaSeconds);
                out.flush();
            }
        }

        void finish() {
            if (out != null) {
                out.printf("\r%s\r", " ".repeat(90));
                out.flush();
            }
        }

        double perSecond() {
            return done / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        }
    }
}
