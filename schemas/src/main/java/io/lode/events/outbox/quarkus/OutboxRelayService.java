package io.lode.events.outbox.quarkus;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.lode.events.outbox.OutboxRelay;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the outbox relay inside every Lode service for as long as the service runs. Lives here, beside the
 * relay, so that the five services share one copy; Quarkus discovers it through this jar's beans.xml.
 */
@ApplicationScoped
public class OutboxRelayService {

    private final OutboxRelay relay;

    public OutboxRelayService(DataSource dataSource,
                              @ConfigProperty(name = "quarkus.application.name") String service,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.relay = OutboxRelay.create(service, dataSource, bootstrapServers);
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
