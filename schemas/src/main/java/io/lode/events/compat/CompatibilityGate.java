package io.lode.events.compat;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Decides whether a current schema may replace a released one. Both directions must hold: the current
 * schema reads data written with the released one (new consumers, old log), and the released schema reads
 * data written with the current one (old consumers during a rolling upgrade). Adding a field with a default
 * passes; renaming, retyping or adding a field without a default fails.
 */
public final class CompatibilityGate {

    private CompatibilityGate() {
    }

    /** Human-readable reasons the change is not allowed; empty when it is. */
    public static List<String> problems(Schema current, Schema released) {
        List<String> problems = new ArrayList<>();
        if (!current.getFullName().equals(released.getFullName())) {
            problems.add("type renamed from " + released.getFullName() + " to " + current.getFullName());
        }
        check(current, released, "current cannot read released data", problems);
        check(released, current, "released readers cannot read current data", problems);
        return problems;
    }

    /** Turns Avro's "/fields/6/type" into "maxPrice", which a developer can act on. */
    static String fieldPath(Schema schema, String location) {
        StringBuilder path = new StringBuilder();
        String[] segments = location.split("/");
        Schema current = schema;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("fields") && i + 1 < segments.length && current.getType() == Schema.Type.RECORD) {
                Schema.Field field = current.getFields().get(Integer.parseInt(segments[++i]));
                path.append(path.length() == 0 ? "" : ".").append(field.name());
                current = field.schema();
            }
        }
        return path.length() == 0 ? location : path + " (" + location + ")";
    }

    private static void check(Schema reader, Schema writer, String direction, List<String> problems) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
                problems.add(direction + ": " + incompatibility.getType() + " at " + fieldPath(reader, incompatibility.getLocation())
                        + " (" + incompatibility.getMessage() + ")");
            }
        }
    }
}
