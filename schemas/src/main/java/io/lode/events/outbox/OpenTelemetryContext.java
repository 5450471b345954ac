package io.lode.events.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * {@link TraceContext}'s use of the OpenTelemetry API, in a class of its own: it is loaded only when that API is on
 * the class path, so code without it (the CLI, the bench) never touches these types.
 */
final class OpenTelemetryContext {

    private OpenTelemetryContext() {
    }

    static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex() : null;
    }

    static AutoCloseable continueFrom(String traceId, String spanId, String flags) {
        if (Span.current().getSpanContext().getTraceId().equals(traceId)) {
            return () -> { }; // already in it (the messaging instrumentation's consumer span): keep that as parent
        }
        SpanContext remote = SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.fromHex(flags, 0),
                TraceState.getDefault());
        if (!remote.isValid()) {
            return () -> { };
        }
        Scope scope = Context.current().with(Span.wrap(remote)).makeCurrent();
        return scope::close;
    }
}
