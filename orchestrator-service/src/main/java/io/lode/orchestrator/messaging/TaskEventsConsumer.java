package io.lode.orchestrator.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.lode.events.consume.PoisonRecordException;
import io.lode.events.consume.TransientFailureException;
import io.lode.events.consume.quarkus.ClassifiedFailures;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.consume.EventContext;
import io.lode.orchestrator.routing.AgentCatalog;
import io.lode.orchestrator.task.TaskWaiters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the task state machine from the topics it listens to, then calls agents for what it dispatched.
 * A failure of a dependency (database, broker) is retried with backoff for as long as it lasts; any other failure
 * is the record's own and sends it to lode.dlq.orchestrator-service at once (RecordFailures).
 */
@ApplicationScoped
@ClassifiedFailures
@Retry(retryOn = TransientFailureException.class, abortOn = PoisonRecordException.class, maxRetries = -1,
        maxDuration = 0, delay = 250, jitter = 100)
@ExponentialBackoff(factor = 2, maxDelay = 10_000)
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
    public void ledger(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming(Topics.Names.AGENTS_CHANNEL)
    @Blocking
    public void agents(ConsumerRecord<String, byte[]> record) {
        if (apply(record)) {
            catalog.changed();
        }
    }

    @Incoming(Topics.Names.EXAMS_CHANNEL)
    @Blocking
    public void exams(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    @Incoming(Topics.Names.VERDICTS_CHANNEL)
    @Blocking
    public void verdicts(ConsumerRecord<String, byte[]> record) {
        apply(record);
    }

    /** True if the event was one the orchestrator acts on. */
    private boolean apply(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event = EventCodec.shared().decode(record.value());
        if (!handler.actsOn(event)) {
            return false;
        }
        try (EventContext context = EventContext.of(event, EventContext.traceparentOf(record))) {
            List<String> toDispatch = handler.handle(event);
            waiters.changed(Envelopes.of(event).getCorrelationId());
            toDispatch.forEach(dispatcher::dispatch);
        }
        return true;
    }
}
