package io.lode.verifier.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.codec.UndecodableEventException;
import io.lode.verifier.verification.RejectedEventException;
import io.lode.verifier.verification.VerifierEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Feeds exams and verification; undecodable or persistently failing records go to lode.dlq.verifier-service. */
@ApplicationScoped
@Retry(maxRetries = 20, delay = 250, jitter = 100, abortOn = {UndecodableEventException.class, RejectedEventException.class})
public class VerifierEventsConsumer {

    private final VerifierEventHandler handler;

    public VerifierEventsConsumer(VerifierEventHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.Names.AGENTS_CHANNEL)
    @Blocking
    public void agents(byte[] record) {
        handler.handle(EventCodec.shared().decode(record));
    }

    /** Accounts opened with an agent's key: that agent's work for them earns no reputation. */
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
}
