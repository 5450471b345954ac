package io.lode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tar a user downloads ({@code ./mvnw package} makes it): unpacked anywhere, its launcher runs the CLI with the
 * Java it finds, also through a symlink, and says what is missing when there is no Java.
 */
class DistributionIT {

    @TempDir
    static Path unpacked;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tar = Path.of(System.getProperty("lode.distribution", "target/lode-dist.tar.gz"));
        assertThat(tar).as("the distribution ./mvnw package builds").isRegularFile();
        Result untar = run(List.of("tar", "xzf", tar.toAbsolutePath().toString()), unpacked, Map.of());
        assertThat(untar.exit()).as(untar.output()).isZero();
        home = unpacked.resolve("lode-" + System.getProperty("lode.distribution.version", "0.1.0-SNAPSHOT"));
        assertThat(home.resolve("bin/lode")).isExecutable();
        assertThat(home.resolve("lode.jar")).isRegularFile();
        assertThat(home.resolve("README.txt")).isRegularFile();
    }

    @Test
    void theLauncherRunsTheCliFromAnywhere() throws Exception {
        Result version = run(List.of(home.resolve("bin/lode").toString(), "--version"), unpacked, Map.of());
        assertThat(version.exit()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("lode ");

        // a real command, with every library it needs from lib/: a key made where the user stands
        Path work = Files.createDirectories(unpacked.resolve("work"));
        Result keygen = run(List.of(home.resolve("bin/lode").toString(), "keygen", "--out", "my.key"), work, Map.of());
        assertThat(keygen.exit()).as(keygen.output()).isZero();
        assertThat(keygen.output()).containsPattern("agt_[0-9a-f]{32}");
        assertThat(work.resolve("my.key")).isRegularFile();
    }

    @Test
    void aSymlinkToTheLauncherFindsTheDistribution() throws Exception {
        Path bin = Files.createDirectories(unpacked.resolve("elsewhere/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("lode"), home.resolve("bin/lode"));
        Result help = run(List.of(link.toString(), "--help"), unpacked, Map.of());
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("keygen", "agent", "account", "task", "epoch", "audit");
    }

    @Test
    void withoutJavaItSaysSo() throws Exception {
        Result none = run(List.of(home.resolve("bin/lode").toString(), "--version"), unpacked,
                Map.of("JAVA_HOME", unpacked.resolve("no-java-here").toString()));
        assertThat(none.exit()).isEqualTo(127);
        assertThat(none.output()).contains("no Java runtime found");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), output);
    }
}
