package io.lode.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process of the local network: its output goes to its log file and, prefixed with its name, to
 * the console; the last lines are kept to explain a failed start.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<String> firstMatch = new CompletableFuture<>();

    private ManagedProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command}; {@code readyLine} picks the output line that announces readiness (may be null). */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
                                       Path logFile, PrintStream console, Predicate<String> readyLine) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            ManagedProcess managed = new ManagedProcess(name, builder.start());
            managed.pump(logFile, console, readyLine);
            return managed;
        } catch (IOException e) {
            throw new LaunchException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private void pump(Path logFile, PrintStream console, Predicate<String> readyLine) throws IOException {
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        String prefix = String.format("[%-12s] ", name.replace("-service", ""));
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); log) {
                String line;
                while ((line = reader.readLine()) != null) {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                    if (console != null) {
                        console.println(prefix + line);
                    }
                    if (readyLine != null && !firstMatch.isDone() && readyLine.test(line)) {
                        firstMatch.complete(line);
                    }
                }
            } catch (IOException e) {
                // The stream closes when the process is stopped; only a live process losing its output is news.
                if (process.isAlive() && console != null) {
                    console.println(prefix + "(output lost: " + e.getMessage() + ")");
                }
            } finally {
                firstMatch.completeExceptionally(new LaunchException(name + " exited"));
            }
        }, name + "-log");
        pump.setDaemon(true);
        pump.start();
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public CompletableFuture<String> readyLine() {
        return firstMatch;
    }

    public String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Asks the process to stop (SIGTERM), and kills it if it has not within ten seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
