package io.lode.registry.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.lode.events.consume.PoisonRecordException;
import io.lode.events.consume.TransientFailureException;
import io.lode.events.consume.quarkus.ClassifiedFailures;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.consume.EventContext;
import io.lode.registry.lifecycle.ExamOutcomeHandler;
import io.lode.registry.lifecycle.ReputationHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exam outcomes, reputation and slashing drive agents' lifecycle; a failure of a dependency is retried for as long
 * as it lasts, a record that fails on its own goes to lode.dlq.registry-service at once (RecordFailures). (The search
 * index reads lode.agents on a channel of its own, see AgentIndexConsumer.)
 */
@ApplicationScoped
@ClassifiedFailures
@Retry(retryOn = TransientFailureException.class, abortOn = PoisonRecordException.class, maxRetries = -1,
        maxDuration = 0, delay = 250, jitter = 100)
@ExponentialBackoff(factor = 2, maxDelay = 10_000)
public class LifecycleEventsConsumer {

    private final ExamOutcomeHandler handler;
    private final ReputationHandler reputation;

    public LifecycleEventsConsumer(ExamOutcomeHandler handler, ReputationHandler reputation) {
        this.handler = handler;
        this.reputation = reputation;
    }

    @Incoming(Topics.Names.EXAMS_CHANNEL)
    @Blocking
    public void exams(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, handler::handle);
    }

    @Incoming(Topics.Names.LEDGER_CHANNEL)
    @Blocking
    public void ledger(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, reputation::slashed);
    }

    @Incoming(Topics.Names.AGENTS_CHANNEL)
    @Blocking
    public void agents(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, reputation::handle);
    }
}
