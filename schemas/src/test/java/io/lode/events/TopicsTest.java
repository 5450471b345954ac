package io.lode.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lode.events.tasks.TaskSubmitted;

class TopicsTest {

    @Test
    void everyEventTypeIsCarriedByExactlyOneTopic() {
        List<Class<?>> types = List.copyOf(Topics.eventTypes());
        assertThat(new HashSet<>(types)).hasSameSizeAs(types);
        assertThat(Topics.of(TaskSubmitted.class)).isEqualTo(Topics.TASKS);
    }

    @Test
    void everyEventTypeCarriesTheEnvelopeFirst() {
        for (Class<?> type : Topics.eventTypes()) {
            org.apache.avro.Schema schema = io.lode.events.codec.EventCodecAccess.schemaOf(type);
            assertThat(schema.getFields().get(0).name()).as(type.getSimpleName()).isEqualTo("envelope");
        }
    }

    @Test
    void channelNamesAreTopicNamesWithDashes() throws Exception {
        for (Topic topic : Topics.EVENT_TOPICS) {
            String constant = topic.name().substring("lode.".length()).toUpperCase() + "_CHANNEL";
            assertThat(Topics.Names.class.getField(constant).get(null)).isEqualTo(topic.name().replace('.', '-'));
        }
    }

    @Test
    void eventTopicsKeepTheirHistoryAndDeadLetterTopicsExpire() {
        assertThat(Topics.EVENT_TOPICS).allSatisfy(t -> assertThat(t.configs()).containsEntry("retention.ms", "-1"));
        assertThat(Topics.deadLetters("reward-service").name()).isEqualTo("lode.dlq.reward-service");
        assertThat(Topics.deadLetters("reward-service").configs().get("retention.ms")).isNotEqualTo("-1");
        assertThat(Topics.all()).hasSize(Topics.EVENT_TOPICS.size() + Topics.CONSUMING_SERVICES.size());
    }
}
