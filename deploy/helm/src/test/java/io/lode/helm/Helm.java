package io.lode.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the helm binary that get-helm.sh puts under .tools, with its state kept there too. */
final class Helm {

    static final Path DIR = Path.of("").toAbsolutePath();
    static final Path CHART = DIR.resolve("lode");
    private static final Path TOOLS = DIR.resolve(".tools");

    /** Exit code and combined output of one helm run. */
    record Result(int exitCode, String output) {
    }

    private Helm() {
    }

    static synchronized void install() throws IOException, InterruptedException {
        if (Files.isExecutable(TOOLS.resolve("helm"))) {
            return;
        }
        Result fetched = run(List.of("bash", DIR.resolve("get-helm.sh").toString()));
        assertThat(fetched.exitCode()).as("get-helm.sh: %s", fetched.output()).isZero();
    }

    static Result helm(String... args) throws IOException, InterruptedException {
        install();
        List<String> command = new ArrayList<>();
        command.add(TOOLS.resolve("helm").toString());
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
        builder.environment().put("HELM_CACHE_HOME", TOOLS.resolve("cache").toString());
        builder.environment().put("HELM_CONFIG_HOME", TOOLS.resolve("config").toString());
        builder.environment().put("HELM_DATA_HOME", TOOLS.resolve("data").toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
