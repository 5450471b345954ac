package io.lode.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A chart file generated from a catalogue in the code: the test that keeps it equal prints what it should be. */
final class GeneratedChartFile {

    private GeneratedChartFile() {
    }

    static void assertUpToDate(Path file, String expected) throws IOException {
        assertThat(Files.readString(file)).as("%s is out of date; replace it with:%n%s", file, expected)
                .isEqualTo(expected);
    }
}
