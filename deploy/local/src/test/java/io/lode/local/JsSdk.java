package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The official A2A JavaScript SDK the interop tests run on (agents/interop-js), installed once from its lock file. */
final class JsSdk {

    private JsSdk() {
    }

    /** The folder of the interop scripts, with the pinned SDK installed ({@code npm ci}) unless it is there already. */
    static Path installed(Path repoRoot) throws IOException, InterruptedException {
        Path dir = repoRoot.resolve("agents/interop-js");
        if (Files.isDirectory(dir.resolve("node_modules/@a2a-js/sdk"))) {
            return dir;
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm-ci.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("the A2A interop tests need Node.js 20+ with npm on PATH", e);
        }
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci finished within 5 minutes").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + dir + " (see npm-ci.log)").isZero();
        return dir;
    }
}
