package io.lode.registry.messaging;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.codec.UndecodableEventException;
import io.lode.registry.lifecycle.ExamOutcomeHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;

/** Exam outcomes drive agents' lifecycle; bad records go to lode.dlq.registry-service. */
@ApplicationScoped
@Retry(maxRetries = 20, delay = 250, jitter = 100, abortOn = UndecodableEventException.class)
public class ExamEventsConsumer {

    private final ExamOutcomeHandler handler;

    public ExamEventsConsumer(ExamOutcomeHandler handler) {
        this.handler = handler;
    }

    @Incoming(Topics.Names.EXAMS_CHANNEL)
    @Blocking
    public void exams(byte[] record) {
        handler.handle(EventCodec.shared().decode(record));
    }
}
