package io.lode.events.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * The frozen copies of every released event schema, shipped in this jar under {@code avro/released/} and
 * listed in its {@code index.txt}. Each file is self-contained (referenced types inlined), so it parses alone.
 */
public final class ReleasedSchemas {

    public static final String ROOT = "avro/released/";
    public static final String INDEX = ROOT + "index.txt";

    private ReleasedSchemas() {
    }

    /** A released schema and the file it was frozen in, e.g. {@code v1/io.lode.events.tasks.TaskSubmitted.avsc}. */
    public record Released(String file, Schema schema) {
    }

    public static List<Released> load() {
        ClassLoader loader = ReleasedSchemas.class.getClassLoader();
        List<Released> released = new ArrayList<>();
        for (String file : read(loader, INDEX).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            released.add(new Released(file, new Schema.Parser().parse(read(loader, ROOT + file))));
        }
        return List.copyOf(released);
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
