package io.lode.events.codec;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Builds a valid generic record for any schema, to write data the way an older producer would. */
final class SampleRecords {

    static final String EVENT_ID = "7b2f9d4e-1c3a-4f5e-9a8b-0c1d2e3f4a5b";

    private SampleRecords() {
    }

    static GenericRecord of(Schema schema) {
        GenericRecord record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.pos(), field.name().equals("eventId") ? EVENT_ID : value(field.schema()));
        }
        return record;
    }

    private static Object value(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> of(schema);
            case STRING -> "sample";
            case LONG -> 42L;
            case INT -> 7;
            case DOUBLE -> 0.5d;
            case FLOAT -> 0.25f;
            case BOOLEAN -> true;
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(0));
            case ARRAY -> List.of(value(schema.getElementType()));
            case UNION -> value(schema.getTypes().get(schema.getTypes().size() - 1));
            case NULL -> null;
            default -> throw new IllegalArgumentException("no sample for " + schema.getType());
        };
    }
}
