package io.lode.verifier.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.lode.events.consume.PoisonRecordException;
import io.lode.events.consume.TransientFailureException;
import io.lode.events.consume.quarkus.ClassifiedFailures;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.consume.EventContext;
import io.lode.verifier.verification.VerifierEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds exams and verification. A failure of a dependency is retried with backoff for as long as it lasts; a record
 * that fails on its own (undecodable, rejected, a bug on that input) goes to lode.dlq.verifier-service at once.
 */
@ApplicationScoped
@ClassifiedFailures
@Retry(retryOn = TransientFailureException.class, abortOn = PoisonRecordException.class, maxRetries = -1,
        maxDuration = 0, delay = 250, jitter = 100)
@ExponentialBackoff(factor = 2, maxDelay = 10_000)
public class VerifierEventsConsumer {

    private final VerifierEventHandler handler;

    public VerifierEventsConsumer(VerifierEventHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.Names.AGENTS_CHANNEL)
    @Blocking
    public void agents(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, handler::handle);
    }

    /** Accounts opened with an agent's key: that agent's work for them earns no reputation. */
    @Incoming(Topics.Names.ACCOUNTS_CHANNEL)
    @Blocking
    public void accounts(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, handler::handle);
    }

    @Incoming(Topics.Names.TASKS_CHANNEL)
    @Blocking
    public void tasks(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, handler::handle);
    }
}
