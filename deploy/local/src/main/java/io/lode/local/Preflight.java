package io.lode.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Checks what would otherwise fail later and less clearly: ports in use, apps not built. */
final class Preflight {

    static final List<String> APPS = List.of("registry-service", "orchestrator-service", "verifier-service",
            "reward-service", "gateway-service");

    private Preflight() {
    }

    static void check(LocalSettings settings) {
        for (Map.Entry<String, Integer> port : settings.ports().entrySet()) {
            if (!LocalNetwork.portFree(port.getValue())) {
                throw new LaunchException("port " + port.getValue() + " (" + port.getKey() + ") is already in use;"
                        + " stop whatever uses it (another Lode network?) and try again");
            }
        }
        for (String app : APPS) {
            Path jar = settings.repoRoot().resolve(app).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new LaunchException(app + " is not built (" + jar + " is missing); run ./mvnw install -DskipTests");
            }
        }
        if (!Files.isRegularFile(settings.repoRoot().resolve("agents/target/lode-agents.jar"))) {
            throw new LaunchException("the example agents are not built; run ./mvnw install -DskipTests");
        }
    }
}
