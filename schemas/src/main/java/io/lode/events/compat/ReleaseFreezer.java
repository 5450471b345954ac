package io.lode.events.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;

import io.lode.events.Topics;
import io.lode.events.codec.ReleasedSchemas;

/**
 * Freezes the current schemas as a new released version: writes each event type, self-contained, to
 * {@code <releasedDir>/v<N>/<full name>.avsc} and appends them to the index. Run at release time:
 * {@code ./mvnw -q -pl schemas compile exec:java -Dexec.mainClass=io.lode.events.compat.ReleaseFreezer
 * -Dexec.args="schemas/src/main/avro/released v2"}.
 */
public final class ReleaseFreezer {

    private ReleaseFreezer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[1].matches("v\\d+")) {
            throw new IllegalArgumentException("usage: ReleaseFreezer <released dir> v<N>");
        }
        Path releasedDir = Path.of(args[0]);
        Path versionDir = releasedDir.resolve(args[1]);
        if (Files.exists(versionDir)) {
            throw new IllegalStateException(versionDir + " exists; released versions are frozen");
        }
        Files.createDirectories(versionDir);
        List<String> entries = new ArrayList<>();
        for (Class<?> type : Topics.eventTypes()) {
            Schema schema;
            try {
                schema = (Schema) type.getField("SCHEMA$").get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String file = args[1] + "/" + schema.getFullName() + ".avsc";
            Files.writeString(releasedDir.resolve(file), schema.toString(true) + "\n");
            entries.add(file);
        }
        Path index = releasedDir.resolve(Path.of(ReleasedSchemas.INDEX).getFileName());
        List<String> lines = new ArrayList<>(Files.exists(index) ? Files.readAllLines(index) : List.of());
        lines.addAll(entries);
        Files.write(index, lines);
        try (Stream<Path> written = Files.list(versionDir)) {
            System.out.println("froze " + written.count() + " schemas into " + versionDir);
        }
    }
}
