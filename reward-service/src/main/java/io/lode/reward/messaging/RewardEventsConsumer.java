package io.lode.reward.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.lode.events.consume.PoisonRecordException;
import io.lode.events.consume.TransientFailureException;
import io.lode.events.consume.quarkus.ClassifiedFailures;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.consume.EventContext;
import io.lode.reward.escrow.RewardEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the ledger from the topics it listens to. A failure of a dependency (database down, the verifier's key list
 * unreachable) is retried with backoff for as long as it lasts; a record that fails on its own — it does not decode,
 * a verdict whose receipt does not verify (it would slash on a forged FAIL), an invalid event — goes to
 * lode.dlq.reward-service at once with the reason (RecordFailures).
 */
@ApplicationScoped
@ClassifiedFailures
@Retry(retryOn = TransientFailureException.class, abortOn = PoisonRecordException.class, maxRetries = -1,
        maxDuration = 0, delay = 250, jitter = 100)
@ExponentialBackoff(factor = 2, maxDelay = 10_000)
public class RewardEventsConsumer {

    private final RewardEventHandler handler;

    public RewardEventsConsumer(RewardEventHandler handler) {
        this.handler = handler;
    }

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

    @Incoming(Topics.Names.VERDICTS_CHANNEL)
    @Blocking
    public void verdicts(ConsumerRecord<String, byte[]> record) {
        EventContext.handle(record, handler::handle);
    }
}
