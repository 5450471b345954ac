package io.lode.events;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the network: its name, what its records are keyed by, which event types it carries,
 * and how it is created. {@code retention} empty means the history is kept forever (audit replay reads it).
 */
public record Topic(String name, String keyedBy, List<Class<? extends SpecificRecord>> eventTypes,
                    int partitions, Optional<Duration> retention) {

    public Topic {
        eventTypes = List.copyOf(eventTypes);
    }

    /** Topic-level configs for creating the topic (AdminClient, Strimzi KafkaTopic). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("retention.ms", retention.map(r -> Long.toString(r.toMillis())).orElse("-1"));
        configs.put("cleanup.policy", "delete");
        return configs;
    }

    public boolean carries(Class<?> eventType) {
        return eventTypes.contains(eventType);
    }
}
