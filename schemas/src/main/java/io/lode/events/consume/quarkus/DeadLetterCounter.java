package io.lode.events.consume.quarkus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Counts the records a consumer gives up on: it runs outside the fault-tolerance interceptor (an earlier priority is
 * further from the method), so what still fails here — a poison record, or a transient failure after its last
 * retry — is what the connector's dead-letter strategy sends to {@code lode.dlq.<service>}. Labelled by the
 * consumer method, one per topic it reads ({@code lode_dead_letters_total{consumer="verdicts"}}).
 */
@ClassifiedFailures
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class DeadLetterCounter {

    @Inject
    MeterRegistry registry;

    @AroundInvoke
    Object count(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Exception e) {
            Counter.builder("lode.dead.letters").description("Records sent to the dead-letter topic, by consumer")
                    .tag("consumer", invocation.getMethod().getName()).register(registry).increment();
            throw e;
        }
    }
}
