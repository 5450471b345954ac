package io.lode.testsupport.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

import io.lode.events.Topics;

/** One Kafka broker and one PostgreSQL server per test JVM, started on first use, stopped at exit. */
public final class SharedInfrastructure {

    private static Infrastructure instance;

    private SharedInfrastructure() {
    }

    public static synchronized Infrastructure get() {
        if (instance == null) {
            instance = start();
            Infrastructure started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "lode-test-infrastructure-stop"));
        }
        return instance;
    }

    private static Infrastructure start() {
        InfrastructureChoice choice = InfrastructureChoice.decide(System.getenv(InfrastructureChoice.OVERRIDE_VARIABLE),
                SharedInfrastructure::dockerAvailable);
        Infrastructure infrastructure = choice == InfrastructureChoice.CONTAINERS
                ? ContainerInfrastructure.start(tempDir())
                : EmbeddedInfrastructure.start(tempDir(), 0, 0, 0);
        infrastructure.createTopics(Topics.all());
        return infrastructure;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("lode-test-infra");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
