package io.lode.bench;

import java.time.LocalDate;

/**
 * {@code java -jar bench/target/lode-bench.jar search [agents] [queries]}: runs a benchmark and prints its
 * Markdown table, headed by the date and the machine.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        // The registry classes bring JBoss logging; it wants its log manager before anything logs.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        if (args.length == 0 || !args[0].equals("search")) {
            System.err.println("usage: lode-bench search [agents, default 10000] [queries, default 2000]");
            System.exit(2);
        }
        int agents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        System.out.println(machine());
        System.out.println(SearchBench.markdown(new SearchBench().run(agents, queries, 500, 42)));
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("%s · %d cores · %s %s · Java %s · max heap %d MB%n", LocalDate.now(),
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), runtime.maxMemory() / (1024 * 1024));
    }
}
