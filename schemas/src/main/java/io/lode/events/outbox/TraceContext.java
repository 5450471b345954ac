package io.lode.events.outbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace an event belongs to, across Kafka: {@link Outbox#append} keeps the W3C {@code traceparent} of the
 * span current when the event is written, the relay sends it as the record's {@code traceparent} header, and the
 * consumer that handles the record continues that trace ({@link #continueFrom}), so one task is one trace from the
 * gateway to its settlement. Without OpenTelemetry on the class path (the CLI, the bench) nothing is kept.
 * The context never leaves the network: agents are not sent it (a trace id shared by a consumer's tasks and absent
 * from honeypots would tell them apart).
 */
public final class TraceContext {

    public static final String HEADER = "traceparent";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final boolean AVAILABLE = available();

    private TraceContext() {
    }

    /** The current span's {@code traceparent}, or null when no valid span is current. */
    public static String current() {
        if (!AVAILABLE) {
            return null;
        }
        return OpenTelemetryContext.current();
    }

    /**
     * Makes the trace {@code traceparent} names current until the returned scope closes (a no-op scope when it is
     * null, malformed or tracing is absent).
     */
    public static AutoCloseable continueFrom(String traceparent) {
        if (!AVAILABLE || traceparent == null) {
            return () -> { };
        }
        Matcher parts = TRACEPARENT.matcher(traceparent);
        if (!parts.matches()) {
            return () -> { };
        }
        return OpenTelemetryContext.continueFrom(parts.group(1), parts.group(2), parts.group(3));
    }

    private static boolean available() {
        try {
            Class.forName("io.opentelemetry.api.trace.Span", false, TraceContext.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
