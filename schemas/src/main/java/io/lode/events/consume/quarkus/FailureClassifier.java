package io.lode.events.consume.quarkus;

import io.lode.events.consume.RecordFailures;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Translates a consumer's failures into the two kinds its retry policy knows. It runs inside the fault-tolerance
 * interceptor (a later priority is closer to the method), so {@code @Retry} sees the classified exception.
 */
@ClassifiedFailures
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class FailureClassifier {

    @AroundInvoke
    Object classify(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (Exception e) {
            throw RecordFailures.classify(e);
        }
    }
}
