package io.lode.registry.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.codec.UndecodableEventException;
import io.lode.registry.lifecycle.ExamOutcomeHandler;
import io.lode.registry.lifecycle.ReputationHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exam outcomes, reputation and slashing drive agents' lifecycle; bad records go to lode.dlq.registry-service. (The search
 * index reads lode.agents on a channel of its own, see AgentIndexConsumer.)
 */
@ApplicationScoped
@Retry(maxRetries = 20, delay = 250, jitter = 100, abortOn = UndecodableEventException.class)
public class LifecycleEventsConsumer {

    private final ExamOutcomeHandler handler;
    private final ReputationHandler reputation;

    public LifecycleEventsConsumer(ExamOutcomeHandler handler, ReputationHandler reputation) {
        this.handler = handler;
        this.reputation = reputation;
    }

    @Incoming(Topics.Names.EXAMS_CHANNEL)
    @Blocking
    public void exams(byte[] record) {
        handler.handle(EventCodec.shared().decode(record));
    }

    @Incoming(Topics.Names.LEDGER_CHANNEL)
    @Blocking
    public void ledger(byte[] record) {
        reputation.slashed(EventCodec.shared().decode(record));
    }

    @Incoming(Topics.Names.AGENTS_CHANNEL)
    @Blocking
    public void agents(byte[] record) {
        reputation.handle(EventCodec.shared().decode(record));
    }
}
