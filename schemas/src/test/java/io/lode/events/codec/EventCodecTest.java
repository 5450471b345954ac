package io.lode.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.lode.events.Envelopes;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;

class EventCodecTest {

    private final EventCodec codec = EventCodec.shared();

    @Test
    void roundTripsACurrentEvent() {
        TaskSubmitted submitted = TaskSubmitted.newBuilder()
                .setEnvelope(Envelopes.next("test", "tsk_1", null))
                .setTaskId("tsk_1").setKind(TaskKind.CONSUMER).setAccountId("acc_1")
                .setInput("what is 17 * 23?").setMaxPrice(1_000).setRedundancy(1)
                .setDeadlineAt(submittedAt())
                .build();

        SpecificRecord decoded = codec.decode(codec.encode(submitted));

        assertThat(decoded).isEqualTo(submitted);
    }

    @TestFactory
    Stream<DynamicTest> decodesDataWrittenWithEveryReleasedSchema() {
        return ReleasedSchemas.load().stream().map(r -> DynamicTest.dynamicTest(r.file(), () -> {
            GenericRecord written = SampleRecords.of(r.schema());
            ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), r.schema()).encode(written);

            SpecificRecord decoded = codec.decode(toArray(bytes));

            assertThat(decoded.getClass().getName()).isEqualTo(r.schema().getFullName());
            assertThat(Envelopes.of(decoded).getEventId()).isEqualTo(SampleRecords.EVENT_ID);
        }));
    }

    @Test
    void rejectsBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> codec.decode("{\"json\":true}".getBytes()))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("marker");
    }

    @Test
    void rejectsAnUnknownFingerprint() {
        byte[] bytes = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        assertThatThrownBy(() -> codec.decode(bytes))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("fingerprint");
    }

    @Test
    void rejectsATruncatedBody() {
        byte[] whole = codec.encode(TaskSubmitted.newBuilder()
                .setEnvelope(Envelopes.next("test", "tsk_2", null)).setTaskId("tsk_2").setKind(TaskKind.CONSUMER)
                .setInput("x").setMaxPrice(1).setRedundancy(1).setDeadlineAt(submittedAt()).build());
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length - 5);

        assertThatThrownBy(() -> codec.decode(truncated)).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void rejectsTooShortRecords() {
        assertThatThrownBy(() -> codec.decode(new byte[3])).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void refusesToEncodeTypesOutsideTheCatalogue() {
        Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"X\",\"fields\":[]}");
        assertThat(List.of(schema)).hasSize(1);
        assertThatThrownBy(() -> codec.encode(io.lode.events.Envelope.newBuilder()
                .setEventId("e").setOccurredAt(submittedAt()).setCorrelationId("c").setProducer("p").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static java.time.Instant submittedAt() {
        return java.time.Instant.parse("2026-11-28T12:00:00.123456Z");
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
