package io.lode.events.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed outbox rows to Kafka in insertion order and deletes them once the broker has
 * acknowledged them (acks=all). A crash between publish and delete republishes, which consumers absorb by
 * deduplicating on eventId: at-least-once, never lost. A trigger on the outbox sends {@code NOTIFY
 * lode_outbox} at commit, so the relay wakes at once instead of polling on the hot path.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final Duration IDLE_WAIT = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BACKOFF = Duration.ofSeconds(1);
    /** Advisory lock id of the relay ("lodeoutb" as a number); the same in every service's own database. */
    private static final long RELAY_LOCK_KEY = 0x6c6f64656f757462L;

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final Thread thread;
    private volatile boolean running = true;
    /** When the relay last finished a cycle (a batch published, or none waiting): what readiness reads. */
    private volatile long lastCycleNanos = System.nanoTime();
    private volatile Duration stallAfter = Duration.ofSeconds(60);
    private volatile java.util.function.BiConsumer<String, byte[]> published = (type, payload) -> { };

    public OutboxRelay(String service, DataSource dataSource, Producer<String, byte[]> producer) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.thread = new Thread(this::run, service + "-outbox-relay");
        this.thread.setDaemon(true);
    }

    /** A relay with a producer that keeps per-key order and waits for all in-sync replicas. */
    public static OutboxRelay create(String service, DataSource dataSource, String bootstrapServers) {
        return create(service, dataSource, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * As {@link #create(String, DataSource, String)}, connecting as the service's other Kafka clients do:
     * {@code client} is the service's Kafka client settings (bootstrap servers, TLS, SASL).
     */
    public static OutboxRelay create(String service, DataSource dataSource, Map<String, Object> client) {
        return new OutboxRelay(service, dataSource, new KafkaProducer<>(producerConfig(service, client),
                new StringSerializer(), new ByteArraySerializer()));
    }

    /**
     * The client's settings — so the relay reaches a broker that wants TLS or SASL like the service's consumers —
     * with the relay's own on top: order per key, all in-sync replicas, bounded waits.
     */
    static Map<String, Object> producerConfig(String service, Map<String, Object> client) {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return config;
    }

    public void start() {
        lastCycleNanos = System.nanoTime();
        thread.start();
    }

    /**
     * How long the relay may go without finishing a cycle before it counts as stalled (60 s: past the 30 s a send may
     * wait for the broker and the producer's own metadata wait).
     */
    public OutboxRelay stallAfter(Duration stall) {
        this.stallAfter = stall;
        return this;
    }

    /**
     * {@code listener} sees each event's type (simple class name) and payload once it is on the broker and gone from the outbox (domain metrics
     * count what the service committed and published, never a rolled-back write). It runs on the relay's thread and
     * must be quick; what it throws is logged, never stops the relay.
     */
    public void onPublished(java.util.function.BiConsumer<String, byte[]> listener) {
        this.published = listener;
    }

    private void run() {
        while (running) {
            try (Connection listener = dataSource.getConnection()) {
                listener.setAutoCommit(true);
                try (Statement listen = listener.createStatement()) {
                    listen.execute("LISTEN lode_outbox");
                }
                PGConnection notifications = listener.unwrap(PGConnection.class);
                while (running) {
                    if (relayBatch() < BATCH) {
                        lastCycleNanos = System.nanoTime();
                        notifications.getNotifications((int) IDLE_WAIT.toMillis());
                    }
                    lastCycleNanos = System.nanoTime();
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("outbox relay failed, retrying in {}: {}", BACKOFF, e.toString());
                    pause();
                }
            }
        }
    }

    /** Publishes one batch; returns how many rows it relayed. */
    int relayBatch() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // One relay per database: replicas sharing an outbox must not reorder the events of a key.
                if (!AdvisoryLocks.tryForTransaction(connection, RELAY_LOCK_KEY)) {
                    connection.rollback();
                    return 0;
                }
                List<Long> ids = new ArrayList<>();
                List<String> types = new ArrayList<>();
                List<byte[]> payloads = new ArrayList<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, topic, record_key, event_id, event_type, payload, trace_parent FROM outbox "
                                + "ORDER BY id LIMIT ?")) {
                    select.setInt(1, BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                            types.add(rows.getString(5));
                            payloads.add(rows.getBytes(6));
                            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                                    rows.getString(2), rows.getString(3), rows.getBytes(6));
                            record.headers().add("lode.eventId", bytes(rows.getString(4)));
                            record.headers().add("lode.eventType", bytes(rows.getString(5)));
                            if (rows.getString(7) != null) {
                                record.headers().add(TraceContext.HEADER, bytes(rows.getString(7)));
                            }
                            sends.add(producer.send(record));
                        }
                    }
                }
                for (Future<RecordMetadata> send : sends) {
                    send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!ids.isEmpty()) {
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE id = ANY (?)")) {
                        Array array = connection.createArrayOf("bigint", ids.toArray());
                        delete.setArray(1, array);
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                for (int i = 0; i < payloads.size(); i++) {
                    try {
                        published.accept(types.get(i), payloads.get(i));
                    } catch (RuntimeException e) {
                        LOG.warn("outbox relay listener failed: {}", e.toString());
                    }
                }
                return ids.size();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void pause() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Whether the relay thread is alive. */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /**
     * Whether events leave the service: the relay is alive and finished a cycle within {@link #stallAfter}. A relay
     * that cannot reach the broker or its database keeps retrying, alive but stalled: not ready, so the service is
     * taken out of rotation instead of accepting work whose events go nowhere.
     */
    public boolean isReady() {
        return isRunning() && System.nanoTime() - lastCycleNanos < stallAfter.toNanos();
    }
}
