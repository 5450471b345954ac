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
 * each service's JVM, the agent, and PostgreSQL (its processes summed; PSS, so shared buffers count once).
 */
final class ProcessStats {

    /** One sample: resident memory in bytes and CPU time used so far, per process name. */
    record Sample(Map<String, Long> memoryBytes, Map<String, Duration> cpu) {
    }

    private ProcessStats() {
    }

    static Sample sample(ProcessHandle launcher) {
        Map<String, Long> memory = new LinkedHashMap<>();
        Map<String, Duration> cpu = new LinkedHashMap<>();
        Stream.concat(Stream.of(launcher), launcher.descendants()).forEach(process -> {
            String name = name(process);
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
