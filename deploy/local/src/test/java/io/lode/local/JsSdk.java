package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Node packages tests run: the official A2A JavaScript SDK of the interop tests (agents/interop-js) and the
 * OpenAPI linter (deploy/local/openapi-lint), each installed once from its lock file.
 */
final class JsSdk {

    private JsSdk() {
    }

    /** The folder of the interop scripts, with the pinned SDK installed ({@code npm ci}) unless it is there already. */
    static Path installed(Path repoRoot) throws IOException, InterruptedException {
        return installed(repoRoot.resolve("agents/interop-js"), "@a2a-js/sdk");
    }

    /** A folder of Node tooling with its pinned packages installed ({@code npm ci}) unless {@code marker} is. */
    static Path installed(Path dir, String marker) throws IOException, InterruptedException {
        if (Files.isDirectory(dir.resolve("node_modules").resolve(marker))) {
            return dir;
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("npm-ci.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("the interop and API-document tests need Node.js 20+ with npm on PATH", e);
        }
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm ci finished within 5 minutes").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + dir + " (see npm-ci.log)").isZero();
        return dir;
    }
}
