package io.lode.events.consume.quarkus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a consumer of Kafka records: every failure of its methods comes out as a
 * {@link io.lode.events.consume.TransientFailureException} or a {@link io.lode.events.consume.PoisonRecordException}
 * ({@link FailureClassifier}), for its {@code @Retry(retryOn = TransientFailureException.class, abortOn =
 * PoisonRecordException.class)} to act on.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ClassifiedFailures {
}
