package io.lode.bench;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** Latency histograms (nanoseconds, 3 significant digits) and their Markdown rows in milliseconds. */
final class LatencyTable {

    static final String HEADER = "| part | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|\n";

    private LatencyTable() {
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    }

    static void row(StringBuilder out, String name, Histogram h) {
        out.append(String.format("| %s | %.2f | %.2f | %.2f | %.2f |%n", name, ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
