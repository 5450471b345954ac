package io.lode.helm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.events.Topic;
import io.lode.events.Topics;

/**
 * The chart creates Strimzi KafkaTopics from files/topics.yaml; this keeps that file equal to the topic
 * catalogue, so the cluster and the code never disagree about partitions or retention.
 */
class TopicCatalogueFileTest {

    static final Path TOPICS_FILE = Path.of("lode/files/topics.yaml");

    @Test
    void chartTopicsFileMatchesTheCatalogue() throws IOException {
        GeneratedChartFile.assertUpToDate(TOPICS_FILE, render());
    }

    static String render() {
        StringBuilder yaml = new StringBuilder(
                "# Generated from io.lode.events.Topics; TopicCatalogueFileTest fails when it drifts.\ntopics:\n");
        for (Topic topic : Topics.all()) {
            yaml.append("  - name: ").append(topic.name()).append('\n')
                    .append("    partitions: ").append(topic.partitions()).append('\n')
                    .append("    config:\n");
            for (Map.Entry<String, String> config : topic.configs().entrySet()) {
                yaml.append("      ").append(config.getKey()).append(": \"").append(config.getValue()).append("\"\n");
            }
        }
        return yaml.toString();
    }
}
