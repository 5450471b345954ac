package io.lode.events.consume;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.MDC;

/**
 * Puts the task and the agent an event is about into the logging MDC ({@code taskId}, {@code agentId}) for as long
 * as it is handled, so every line its handling writes names them (JSON logs carry the MDC); closing removes them.
 * {@code try (EventMdc ids = EventMdc.of(event)) { handle(event); }}
 */
public final class EventMdc implements AutoCloseable {

    public static final String TASK_ID = "taskId";
    public static final String AGENT_ID = "agentId";

    private EventMdc() {
    }

    /** Decodes a consumed record and hands it to {@code handler} with its ids in the MDC. */
    public static void handle(byte[] record, java.util.function.Consumer<SpecificRecord> handler) {
        SpecificRecord event = io.lode.events.codec.EventCodec.shared().decode(record);
        try (EventMdc ids = of(event)) {
            handler.accept(event);
        }
    }

    public static EventMdc of(SpecificRecord event) {
        put(event, TASK_ID);
        put(event, AGENT_ID);
        return new EventMdc();
    }

    /** The same for a piece of work that is not an event (an agent call, a request): either id may be null. */
    public static EventMdc of(String taskId, String agentId) {
        if (taskId != null) {
            MDC.put(TASK_ID, taskId);
        }
        if (agentId != null) {
            MDC.put(AGENT_ID, agentId);
        }
        return new EventMdc();
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
    }
}
