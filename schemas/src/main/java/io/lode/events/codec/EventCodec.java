package io.lode.events.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Topics;
import io.lode.events.TrustedTypes;

/**
 * Avro single-object encoding (2 marker bytes, 8-byte schema fingerprint, body) for every Lode event.
 * Decoding picks the event type from the fingerprint, so one topic can carry several types, and reads data
 * written with any released version of a type into the current generated class.
 */
public final class EventCodec {

    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10;
    static {
        TrustedTypes.install();
    }

    private static final EventCodec SHARED = new EventCodec(Topics.eventTypes(), ReleasedSchemas.load());

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();
    private final Map<Long, BinaryMessageDecoder<SpecificRecord>> decodersByFingerprint = new HashMap<>();

    EventCodec(List<Class<? extends SpecificRecord>> eventTypes, List<ReleasedSchemas.Released> released) {
        // One model bound to this jar's class loader: where several loaders coexist (Quarkus tests), Avro must
        // instantiate the event classes the caller itself sees.
        SpecificData model = new SpecificData(EventCodec.class.getClassLoader());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        SchemaStore.Cache store = new SchemaStore.Cache();
        released.forEach(r -> store.addSchema(r.schema()));
        Map<String, BinaryMessageDecoder<SpecificRecord>> decodersByName = new HashMap<>();
        for (Class<? extends SpecificRecord> type : eventTypes) {
            Schema schema = schemaOf(type);
            BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(model, schema, store);
            encoders.put(type, new BinaryMessageEncoder<>(model, schema));
            decodersByName.put(schema.getFullName(), decoder);
            decodersByFingerprint.put(fingerprint(schema), decoder);
        }
        for (ReleasedSchemas.Released r : released) {
            BinaryMessageDecoder<SpecificRecord> decoder = decodersByName.get(r.schema().getFullName());
            if (decoder == null) {
                throw new IllegalStateException("released type " + r.schema().getFullName()
                        + " has no current class; types may be added, never removed");
            }
            decodersByFingerprint.put(fingerprint(r.schema()), decoder);
        }
    }

    /** The codec for every event type of this build and every released schema. */
    public static EventCodec shared() {
        return SHARED;
    }

    public byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(event.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not in the topic catalogue");
        }
        try {
            ByteBuffer buffer = encoder.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** Decodes one event, or throws {@link UndecodableEventException} saying why it cannot. */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH) {
            throw new UndecodableEventException("record is " + (bytes == null ? "null" : bytes.length + " bytes")
                    + ", shorter than the single-object header");
        }
        if (bytes[0] != MARKER[0] || bytes[1] != MARKER[1]) {
            throw new UndecodableEventException("not Avro single-object encoding (bad marker bytes)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        BinaryMessageDecoder<SpecificRecord> decoder = decodersByFingerprint.get(fingerprint);
        if (decoder == null) {
            throw new UndecodableEventException("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new UndecodableEventException("body does not match schema " + Long.toHexString(fingerprint)
                    + ": " + e.getMessage(), e);
        }
    }

    static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    static Schema schemaOf(Class<? extends SpecificRecord> type) {
        try {
            return (Schema) type.getField("SCHEMA$").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is not an Avro generated class", e);
        }
    }
}
