package io.lode.orchestrator.messaging;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.codec.UndecodableEventException;
import io.lode.orchestrator.routing.AgentCatalog;
import io.lode.orchestrator.task.TaskWaiters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the task state machine from the topics it listens to, then calls agents for what it dispatched.
 * Transient failures are retried; a record that cannot be decoded, or still fails, goes to
 * lode.dlq.orchestrator-service.
 */
@ApplicationScoped
@Retry(maxRetries = 20, delay = 250, jitter = 100, abortOn = UndecodableEventException.class)
public class TaskEventsConsumer {

    private final TaskEventHandler handler;
    private final Dispatcher dispatcher;
    private final TaskWaiters waiters;
    private final AgentCatalog catalog;

    public TaskEventsConsumer(TaskEventHandler handler, Dispatcher dispatcher, TaskWaiters waiters,
                              AgentCatalog catalog) {
        this.catalog = catalog;
        this.handler = handler;
        this.dispatcher = dispatcher;
        this.waiters = waiters;
    }

    @Incoming(Topics.Names.LEDGER_CHANNEL)
    @Blocking
    public void ledger(byte[] record) {
        apply(record);
    }

    @Incoming(Topics.Names.AGENTS_CHANNEL)
    @Blocking
    public void agents(byte[] record) {
        if (apply(record)) {
            catalog.changed();
        }
    }

    @Incoming(Topics.Names.EXAMS_CHANNEL)
    @Blocking
    public void exams(byte[] record) {
        apply(record);
    }

    @Incoming(Topics.Names.VERDICTS_CHANNEL)
    @Blocking
    public void verdicts(byte[] record) {
        apply(record);
    }

    /** True if the event was one the orchestrator acts on. */
    private boolean apply(byte[] record) {
        SpecificRecord event = EventCodec.shared().decode(record);
        if (!handler.actsOn(event)) {
            return false;
        }
        List<String> toDispatch = handler.handle(event);
        waiters.changed(Envelopes.of(event).getCorrelationId());
        toDispatch.forEach(dispatcher::dispatch);
        return true;
    }
}
