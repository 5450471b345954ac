package io.lode.bench;

import java.time.LocalDate;

/**
 * {@code java -jar bench/target/lode-bench.jar search|routing|routing-corpus|overhead|load|register|epoch-close|replay|review-sim|jmh [size] [repetitions]}: runs a benchmark and
 * prints its Markdown table, headed by the date and the machine.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // The registry classes bring JBoss logging; it wants its log manager before anything logs.
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        String which = args.length == 0 ? "" : args[0];
        if (!java.util.List.of("search", "routing", "routing-corpus", "overhead", "load", "register", "epoch-close", "replay",
                "review-sim", "jmh").contains(which)) {
            System.err.println("usage: lode-bench search [agents=10000] [queries=2000]");
            System.err.println("       lode-bench routing [agents=10000] [tasks=2000]   (from the repository root)");
            System.err.println("       lode-bench routing-corpus   (routing quality on the routing corpus: top-1, refusals, misses)");
            System.err.println("       lode-bench overhead [tasks=500]   (from the repository root, after ./mvnw install)");
            System.err.println("       lode-bench load [rate=100] [seconds=60] [inFlight=64]   (from the repository root, after ./mvnw install;");
            System.err.println("           -Dlode.bench.warmup=45 seconds of warm-up, -Dlode.bench.jvm=\"...\" the services' JVM options)");
            System.err.println("       lode-bench register [agents=24]   (from the repository root, after ./mvnw install)");
            System.err.println("       lode-bench epoch-close [accounts=100000] [closes=5]   (from the repository root)");
            System.err.println("       lode-bench replay [tasks=100000] [repetitions=3]");
            System.err.println("       lode-bench review-sim [seeds=1000] [firstSeed=1]   (judge panels, gold reviews, sampling)");
            System.err.println("       lode-bench jmh [JMH options]   (micro-benchmarks of the hot spots, HotSpots)");
            System.exit(2);
        }
        System.out.println(machine());
        if (which.equals("jmh")) {
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (which.equals("search")) {
            int agents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            int queries = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
            System.out.println(SearchBench.markdown(new SearchBench().run(agents, queries, 500, 42)));
        } else if (which.equals("overhead")) {
            int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 500;
            System.out.println(OverheadBench.markdown(new OverheadBench().run(tasks, 50)));
        } else if (which.equals("load")) {
            int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
            int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
            int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 64;
            System.out.println(LoadBench.markdown(new LoadBench().run(rate, seconds, inFlight)));
        } else if (which.equals("register")) {
            int agents = args.length > 1 ? Integer.parseInt(args[1]) : 24;
            System.out.println(RegistrationBench.markdown(new RegistrationBench().run(agents)));
        } else if (which.equals("routing")) {
            int agents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
            int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
            System.out.println(RoutingBench.markdown(new RoutingBench().run(agents, tasks, 500, 10, 42)));
        } else if (which.equals("routing-corpus")) {
            System.out.println(RoutingCorpusBench.markdown(new RoutingCorpusBench().run()));
        } else if (which.equals("review-sim")) {
            int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
            long firstSeed = args.length > 2 ? Long.parseLong(args[2]) : 1;
            System.out.println(io.lode.verifier.review.ReviewSimulation.markdown(
                    new io.lode.verifier.review.ReviewSimulation().run(seeds, firstSeed)));
        } else if (which.equals("replay")) {
            int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
            int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 3;
            System.out.println(ReplayBench.markdown(new ReplayBench().run(tasks, repetitions)));
        } else {
            int accounts = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
            int closes = args.length > 2 ? Integer.parseInt(args[2]) : 5;
            System.out.println(EpochCloseBench.markdown(new EpochCloseBench().run(accounts, closes)));
        }
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("%s · %d cores · %s %s · Java %s · max heap %d MB%n", LocalDate.now(),
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), runtime.maxMemory() / (1024 * 1024));
    }
}
