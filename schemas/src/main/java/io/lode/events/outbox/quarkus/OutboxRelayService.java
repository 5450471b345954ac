package io.lode.events.outbox.quarkus;

import java.util.Map;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lode.events.outbox.OutboxRelay;
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
                              @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.relay = OutboxRelay.create(service, dataSource, kafka);
    }

    void start(@Observes StartupEvent event) {
        relay.start();
    }

    void stop(@Observes ShutdownEvent event) {
        relay.close();
    }

    public boolean isRunning() {
        return relay.isRunning();
    }
}
