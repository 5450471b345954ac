package io.lode.events.codec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for Lode events. Undecodable bytes raise {@link UndecodableEventException};
 * Lode's SmallRye channels instead receive raw bytes and call {@link EventCodec#decode} in the handler, so
 * that the failure strategy sends the original bytes to the dead-letter topic.
 */
public class EventDeserializer implements Deserializer<SpecificRecord> {

    @Override
    public SpecificRecord deserialize(String topic, byte[] bytes) {
        return bytes == null ? null : EventCodec.shared().decode(bytes);
    }
}
