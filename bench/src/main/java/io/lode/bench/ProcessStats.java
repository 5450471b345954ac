package io.lode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Memory and CPU of each process of a local network, from /proc (Linux): the launcher's JVM (which runs Kafka),
 * each service's JVM, the agent, PostgreSQL (its server and backends summed; PSS, so shared buffers count once —
 * pg_ctl detaches the server from the launcher, so it is found by its data folder) and this JVM, the load generator.
 */
final class ProcessStats {

    /** One sample: resident memory in bytes and CPU time used so far, per process name. */
    record Sample(Map<String, Long> memoryBytes, Map<String, Duration> cpu) {
    }

    private ProcessStats() {
    }

    static Sample sample(ProcessHandle launcher, Path dataDir) {
        Map<String, Long> memory = new LinkedHashMap<>();
        Map<String, Duration> cpu = new LinkedHashMap<>();
        Stream<ProcessHandle> postgres = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("postgres") && c.contains(dataDir.toString())).orElse(false))
                .flatMap(server -> Stream.concat(Stream.of(server), server.descendants()));
        Stream.of(Stream.of(launcher), launcher.descendants(), postgres, Stream.of(ProcessHandle.current()))
                .flatMap(s -> s).distinct().forEach(process -> {
                    String name = process.pid() == ProcessHandle.current().pid() ? "load generator (the bench)"
                            : name(process);
                    memory.merge(name, pss(process.pid()), Long::sum);
                    cpu.merge(name, process.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
                });
        return new Sample(memory, cpu);
    }

    private static String name(ProcessHandle process) {
        String command = process.info().commandLine().orElse(process.info().command().orElse("?"));
        if (command.contains("quarkus-run.jar")) {
            for (String service : new String[] {"gateway", "registry", "orchestrator", "verifier", "reward"}) {
                if (command.contains(service + "-service")) {
                    return service + "-service";
                }
            }
        }
        if (command.contains("lode-local.jar")) {
            return "launcher + Kafka broker";
        }
        if (command.contains("lode-agents.jar")) {
            return "arithmetic agent";
        }
        return command.contains("postgres") ? "PostgreSQL (all processes)" : "other";
    }

    /** Proportional set size (shared pages divided among their users); resident size where the kernel has no PSS. */
    private static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return kilobytes(line);
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return kilobytes(line);
                }
            }
        } catch (IOException | SecurityException e) {
            // the process ended meanwhile, or /proc is not there
        }
        return 0;
    }

    private static long kilobytes(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }
}
