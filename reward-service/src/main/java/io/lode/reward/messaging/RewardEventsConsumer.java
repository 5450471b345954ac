package io.lode.reward.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.codec.UndecodableEventException;
import io.lode.reward.escrow.ForgedReceiptException;
import io.lode.reward.escrow.RewardEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feeds the ledger from the topics it listens to. Transient failures (database down) are retried; a record
 * that cannot be decoded, a verdict whose receipt does not verify (it would slash on a forged FAIL), or a record
 * that still fails after the retries, goes to lode.dlq.reward-service with the reason.
 */
@ApplicationScoped
@Retry(maxRetries = 20, delay = 250, jitter = 100,
        abortOn = {UndecodableEventException.class, ForgedReceiptException.class})
public class RewardEventsConsumer {

    private final RewardEventHandler handler;

    public RewardEventsConsumer(RewardEventHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.Names.ACCOUNTS_CHANNEL)
    @Blocking
    public void accounts(byte[] record) {
        handler.handle(EventCodec.shared().decode(record));
    }

    @Incoming(Topics.Names.TASKS_CHANNEL)
    @Blocking
    public void tasks(byte[] record) {
        handler.handle(EventCodec.shared().decode(record));
    }

    @Incoming(Topics.Names.VERDICTS_CHANNEL)
    @Blocking
    public void verdicts(byte[] record) {
        handler.handle(EventCodec.shared().decode(record));
    }
}
