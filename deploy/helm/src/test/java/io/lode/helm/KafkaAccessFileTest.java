package io.lode.helm;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.lode.events.KafkaAccess;
import io.lode.events.Topic;

/**
 * The chart creates a Strimzi KafkaUser with ACLs for each principal from files/kafka-access.yaml; this keeps that
 * file equal to {@link KafkaAccess}, the table the tests and the local network run with, so production grants no
 * right the tests did not exercise.
 */
class KafkaAccessFileTest {

    static final Path ACCESS_FILE = Path.of("lode/files/kafka-access.yaml");

    @Test
    void chartAccessFileMatchesTheCatalogue() throws IOException {
        GeneratedChartFile.assertUpToDate(ACCESS_FILE, render());
    }

    static String render() {
        StringBuilder yaml = new StringBuilder(
                "# Generated from io.lode.events.KafkaAccess; KafkaAccessFileTest fails when it drifts.\nprincipals:\n");
        for (KafkaAccess access : KafkaAccess.ALL) {
            yaml.append("  - name: ").append(access.principal()).append('\n');
            list(yaml, "writes", access.writes().stream().map(Topic::name).toList());
            list(yaml, "reads", access.reads().stream().map(Topic::name).toList());
            list(yaml, "groupPrefixes", access.groupPrefixes());
        }
        return yaml.toString();
    }

    private static void list(StringBuilder yaml, String key, java.util.List<String> values) {
        yaml.append("    ").append(key).append(values.isEmpty() ? ": []\n" : ":\n");
        values.forEach(v -> yaml.append("      - ").append(v).append('\n'));
    }
}
