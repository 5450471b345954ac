package io.lode.events.consume;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;

import io.lode.events.codec.EventCodec;
import io.lode.events.outbox.TraceContext;

/**
 * The context an event is handled in, for as long as it is handled: the task and the agent it is about in the
 * logging MDC ({@code taskId}, {@code agentId}: every line its handling writes names them), and the trace of the
 * record that carried it ({@link TraceContext}: what it writes to the outbox continues that trace). Closing removes
 * both. {@code EventContext.handle(record, handler::handle)} in each Kafka consumer.
 */
public final class EventContext implements AutoCloseable {

    public static final String TASK_ID = "taskId";
    public static final String AGENT_ID = "agentId";

    private final AutoCloseable trace;

    private EventContext(AutoCloseable trace) {
        this.trace = trace;
    }

    /** Decodes a consumed record and hands it to {@code handler} in its context. */
    public static void handle(ConsumerRecord<String, byte[]> record, Consumer<SpecificRecord> handler) {
        SpecificRecord event = EventCodec.shared().decode(record.value());
        try (EventContext context = of(event, traceparentOf(record))) {
            handler.accept(event);
        }
    }

    /** The trace context a consumed record carries, or null. */
    public static String traceparentOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(TraceContext.HEADER);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** {@code event}'s ids in the MDC and the trace {@code traceparent} names (null: the current one) current. */
    public static EventContext of(SpecificRecord event, String traceparent) {
        put(event, TASK_ID);
        put(event, AGENT_ID);
        return new EventContext(TraceContext.continueFrom(traceparent));
    }

    /** The same for a piece of work that is not an event (an agent call): either id may be null. */
    public static EventContext of(String taskId, String agentId, String traceparent) {
        if (taskId != null) {
            MDC.put(TASK_ID, taskId);
        }
        if (agentId != null) {
            MDC.put(AGENT_ID, agentId);
        }
        return new EventContext(TraceContext.continueFrom(traceparent));
    }

    private static void put(SpecificRecord event, String field) {
        Schema.Field f = event.getSchema().getField(field);
        Object value = f == null ? null : event.get(f.pos());
        if (value != null) {
            MDC.put(field, value.toString());
        }
    }

    @Override
    public void close() {
        MDC.remove(TASK_ID);
        MDC.remove(AGENT_ID);
        try {
            trace.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close a trace scope", e);
        }
    }
}
