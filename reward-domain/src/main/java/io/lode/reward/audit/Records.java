package io.lode.reward.audit;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Copies of generated events with one field changed, for simulations and tests that alter a log. Avro's copying
 * builders deep-copy through reflection its class validator refuses, and the generated classes have no setters.
 */
public final class Records {

    private Records() {
    }

    /** A shallow copy of {@code record} whose {@code field} is {@code value}. */
    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecordBase> T with(T record, String field, Object value) {
        try {
            T copy = (T) record.getClass().getDeclaredConstructor().newInstance();
            for (Schema.Field f : record.getSchema().getFields()) {
                copy.put(f.pos(), f.name().equals(field) ? value : record.get(f.pos()));
            }
            if (record.getSchema().getField(field) == null) {
                throw new IllegalArgumentException(record.getSchema().getName() + " has no field " + field);
            }
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getSchema().getName(), e);
        }
    }
}
