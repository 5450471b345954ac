package io.lode.reward.escrow;

import java.util.List;

import javax.sql.DataSource;

import io.lode.events.metrics.DatabaseGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The money the ledger holds for tasks not yet settled, as gauges: how many escrows are open and what they hold
 * ({@code lode_escrow_open}, {@code lode_escrow_open_micros}). Held answers (optimistic payment) keep theirs open
 * for the whole hold, so a rise here is expected when review holds are long.
 */
@ApplicationScoped
public class OpenEscrowGauges {

    void register(@Observes StartupEvent event, MeterRegistry registry, DataSource dataSource) {
        DatabaseGauges.register(registry, dataSource, "SELECT count(*), COALESCE(sum(amount), 0) FROM escrow "
                + "WHERE status = 'OPEN'", List.of(
                new DatabaseGauges.Column("lode.escrow.open", "Escrows open (tasks not settled yet)", null),
                new DatabaseGauges.Column("lode.escrow.open.micros", "Micro-units held in open escrows", "micros")));
    }
}
