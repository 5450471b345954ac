package io.lode.events.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lode.events.Topics;
import io.lode.events.codec.ReleasedSchemas;

/** The gate that keeps released data readable: every current schema against every released one. */
class CompatibilityGateTest {

    private static final Schema RELEASED_TASK_SUBMITTED = ReleasedSchemas.load().stream()
            .filter(r -> r.file().equals("v1/io.lode.events.tasks.TaskSubmitted.avsc"))
            .findFirst().orElseThrow().schema();

    @TestFactory
    Stream<DynamicTest> everyCurrentSchemaReadsEveryReleasedVersion() {
        List<ReleasedSchemas.Released> released = ReleasedSchemas.load();
        assertThat(released).isNotEmpty();
        return released.stream().map(r -> DynamicTest.dynamicTest(r.file(), () -> {
            Schema current = currentSchema(r.schema().getFullName());
            assertThat(CompatibilityGate.problems(current, r.schema())).isEmpty();
        }));
    }

    @Test
    void everyCurrentEventTypeIsFrozenInSomeRelease() {
        List<String> frozen = ReleasedSchemas.load().stream().map(r -> r.schema().getFullName()).toList();
        List<String> current = Topics.eventTypes().stream().map(Class::getName).toList();
        assertThat(frozen).containsAll(current);
    }

    @Test
    void indexListsEveryReleasedFileAndNothingElse() throws IOException {
        Path releasedDir = Path.of("src/main/avro/released");
        try (Stream<Path> files = Files.walk(releasedDir)) {
            List<String> onDisk = files.filter(p -> p.toString().endsWith(".avsc"))
                    .map(p -> releasedDir.relativize(p).toString().replace('\\', '/')).sorted().toList();
            List<String> indexed = ReleasedSchemas.load().stream().map(ReleasedSchemas.Released::file).sorted().toList();
            assertThat(indexed).isEqualTo(onDisk);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"retyped-field", "renamed-field", "added-field-without-default"})
    void gateRejectsAnIncompatibleChange(String fixture) throws IOException {
        Schema changed = fixture(fixture + ".TaskSubmitted.avsc");

        List<String> problems = CompatibilityGate.problems(changed, RELEASED_TASK_SUBMITTED);

        assertThat(problems).isNotEmpty();
    }

    @Test
    void gateNamesTheFieldOfARetype() throws IOException {
        List<String> problems = CompatibilityGate.problems(fixture("retyped-field.TaskSubmitted.avsc"),
                RELEASED_TASK_SUBMITTED);

        assertThat(problems).anyMatch(p -> p.contains("maxPrice"));
    }

    @Test
    void gateAcceptsAnAddedFieldWithADefault() throws IOException {
        Schema changed = fixture("added-defaulted-field.TaskSubmitted.avsc");

        assertThat(CompatibilityGate.problems(changed, RELEASED_TASK_SUBMITTED)).isEmpty();
    }

    private static Schema currentSchema(String fullName) throws ReflectiveOperationException {
        return (Schema) Class.forName(fullName).getField("SCHEMA$").get(null);
    }

    private static Schema fixture(String name) throws IOException {
        try (InputStream in = CompatibilityGateTest.class.getResourceAsStream("/compat-fixtures/" + name)) {
            return new Schema.Parser().parse(in);
        }
    }
}
