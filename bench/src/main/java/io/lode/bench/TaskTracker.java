package io.lode.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.lode.events.Topic;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.tasks.AgentResultReceived;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;

/**
 * Follows the network's own event log to time each submitted task: when its agent's result was recorded
 * (AgentResultReceived), when it ended (TaskCompleted/TaskFailed) and when its escrow was settled
 * (FeeReleased/FeeRefunded) — as the broker has them, with no polling of the API. Also counts every event
 * on the lode.* topics, for the events/s of the run.
 */
final class TaskTracker implements AutoCloseable {

    /** One task's times in {@link System#nanoTime()}; {@code settled} completes at settlement. */
    static final class Tracked {
        volatile long startNanos;
        volatile long resultNanos;
        volatile long endNanos;
        volatile boolean failed;
        final CompletableFuture<Long> settled = new CompletableFuture<>();

        Tracked(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private final Map<String, Tracked> tasks = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    /** {@code client}: Kafka client settings of a principal that reads every event topic. */
    TaskTracker(Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : Topics.EVENT_TOPICS) {
            consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the start before any task is submitted
        poller = new Thread(this::poll, "task-tracker");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts following a task the gateway accepted; {@code startNanos} is when it was meant to be sent. */
    Tracked track(String taskId, long startNanos) {
        Tracked tracked = tasks.computeIfAbsent(taskId, id -> new Tracked(startNanos));
        tracked.startNanos = startNanos;
        return tracked;
    }

    long events() {
        return events.get();
    }

    private void poll() {
        EventCodec codec = EventCodec.shared();
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                events.incrementAndGet();
                if (!record.topic().equals(Topics.Names.TASKS) && !record.topic().equals(Topics.Names.LEDGER)) {
                    continue;
                }
                long now = System.nanoTime();
                SpecificRecord event = codec.decode(record.value());
                if (event instanceof AgentResultReceived result) {
                    at(result.getTaskId(), t -> t.resultNanos = t.resultNanos == 0 ? now : t.resultNanos);
                } else if (event instanceof TaskCompleted completed) {
                    at(completed.getTaskId(), t -> t.endNanos = now);
                } else if (event instanceof TaskFailed failed) {
                    at(failed.getTaskId(), t -> {
                        t.endNanos = now;
                        t.failed = true;
                    });
                } else if (event instanceof FeeReleased released) {
                    at(released.getTaskId(), t -> t.settled.complete(now));
                } else if (event instanceof FeeRefunded refunded) {
                    at(refunded.getTaskId(), t -> t.settled.complete(now));
                }
            }
        }
    }

    /** Events can overtake the gateway's 202: a task not tracked yet is tracked from now on, without a start. */
    private void at(String taskId, java.util.function.Consumer<Tracked> change) {
        change.accept(tasks.computeIfAbsent(taskId, id -> new Tracked(0)));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5_000);
        consumer.close();
    }
}
