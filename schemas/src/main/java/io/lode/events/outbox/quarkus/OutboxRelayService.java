package io.lode.events.outbox.quarkus;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lode.events.KafkaAccess;
import io.lode.events.metrics.DatabaseGauges;
import io.lode.events.metrics.EventMetrics;
import io.lode.events.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the outbox relay inside every Lode service for as long as the service runs. Lives here, beside the
 * relay, so that the five services share one copy; Quarkus discovers it through this jar's beans.xml.
 */
@ApplicationScoped
public class OutboxRelayService {

    private final OutboxRelay relay;

    /**
     * {@code kafka}: the service's {@code kafka.*} settings as the Kafka extension gives them to every client, so the
     * relay reaches a broker that wants TLS or SASL (it used to read only the bootstrap servers, and published
     * nothing to such a broker).
     */
    public OutboxRelayService(DataSource dataSource,
                              @ConfigProperty(name = "quarkus.application.name") String service,
                              @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        this.relay = OutboxRelay.create(service, dataSource, kafka);
        relay.onPublished(new EventMetrics(registry, KafkaAccess.of(service).writes().stream()
                .flatMap(topic -> topic.eventTypes().stream()).toList())::published);
        DatabaseGauges.register(registry, dataSource, "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - "
                + "min(created_at)), 0) FROM outbox", List.of(
                new DatabaseGauges.Column("lode.outbox.rows", "Events written but not yet published", null),
                new DatabaseGauges.Column("lode.outbox.oldest.age", "Age of the oldest unpublished event: grows while "
                        + "the relay is stuck", "seconds")));
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        relay.close();
    }

    /** Whether the service's events are being published (readiness: {@link OutboxRelayReadiness}). */
    public boolean isReady() {
        return relay.isReady();
    }
}
