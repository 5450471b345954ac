package io.lode.testsupport.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.events.outbox.OutboxRelay;

/** The outbox against a real PostgreSQL and a real broker: committed events are published, rolled back ones never. */
class OutboxRelayIT {

    @TempDir
    Path dataDir;

    @Test
    void publishesCommittedEventsAndNeverRolledBackOnes() throws Exception {
        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            infra.createTopics(Topics.all());
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(infra.database("outbox_it"));
            dataSource.setUser(infra.databaseUser());
            dataSource.setPassword(infra.databasePassword());
            migrate(dataSource);

            AccountOpened committed = opened("acc_committed");
            AccountOpened rolledBack = opened("acc_rolled_back");
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                Outbox.append(c, "acc_rolled_back", rolledBack);
                c.rollback();
                Outbox.append(c, "acc_committed", committed);
                c.commit();
            }

            try (OutboxRelay relay = new OutboxRelay("test", dataSource, EmbeddedInfrastructureIT.rawProducer(infra))) {
                relay.start();
                List<SpecificRecord> published = EmbeddedInfrastructureIT.readAll(infra, Topics.ACCOUNTS.name());
                assertThat(published).containsExactly(committed);
                await().atMost(Duration.ofSeconds(10)).until(() -> outboxRows(dataSource) == 0);
            }
        }
    }

    @Test
    void twoRelaysOnOneOutboxKeepTheOrderOfAKey() throws Exception {
        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            infra.createTopics(Topics.all());
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(infra.database("outbox_order_it"));
            dataSource.setUser(infra.databaseUser());
            dataSource.setPassword(infra.databasePassword());
            migrate(dataSource);

            List<String> written = new java.util.ArrayList<>();
            try (OutboxRelay first = new OutboxRelay("a", dataSource, EmbeddedInfrastructureIT.rawProducer(infra));
                 OutboxRelay second = new OutboxRelay("b", dataSource, EmbeddedInfrastructureIT.rawProducer(infra))) {
                first.start();
                second.start();
                for (int i = 0; i < 300; i++) {
                    AccountOpened event = opened("acc_same_key");
                    try (Connection c = dataSource.getConnection()) {
                        Outbox.append(c, "acc_same_key", event);
                    }
                    written.add(event.getEnvelope().getEventId());
                }
                List<String> published = new java.util.ArrayList<>();
                try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
                        EmbeddedInfrastructureIT.with(infra.kafkaClient(KafkaBroker.ADMIN), java.util.Map.of(
                                "group.id", "order-probe", "auto.offset.reset", "earliest")), new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(Topics.ACCOUNTS.name()));
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> published.add(Envelopes.of(
                                io.lode.events.codec.EventCodec.shared().decode(r.value())).getEventId()));
                        return published.size() >= written.size();
                    });
                }
                assertThat(published).containsExactlyElementsOf(written);
            }
        }
    }

    @Test
    void aRelayThatCannotReachTheBrokerIsNotReadyAndOneThatPublishesStaysReady() throws Exception {
        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            infra.createTopics(Topics.all());
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(infra.database("outbox_ready_it"));
            dataSource.setUser(infra.databaseUser());
            dataSource.setPassword(infra.databasePassword());
            migrate(dataSource);
            try (Connection c = dataSource.getConnection()) {
                Outbox.append(c, "acc_waiting", opened("acc_waiting"));
            }

            // a broker address nobody listens on: every send times out, the relay retries, alive but stalled
            var nowhere = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(java.util.Map.of(
                    "bootstrap.servers", "127.0.0.1:" + FreePorts.any(), "max.block.ms", 500,
                    "request.timeout.ms", 500, "delivery.timeout.ms", 1_000),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            try (OutboxRelay stalled = new OutboxRelay("stalled", dataSource, nowhere).stallAfter(Duration.ofSeconds(3))) {
                stalled.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> !stalled.isReady());
                assertThat(stalled.isRunning()).as("alive, retrying").isTrue();
                assertThat(outboxRows(dataSource)).isEqualTo(1);
            }

            try (OutboxRelay healthy = new OutboxRelay("healthy", dataSource, EmbeddedInfrastructureIT.rawProducer(infra))
                    .stallAfter(Duration.ofSeconds(3))) {
                healthy.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> outboxRows(dataSource) == 0);
                // idle, with nothing to publish, for longer than the stall threshold: still ready
                await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(healthy::isReady);
            }
        }
    }

    @Test
    void inboxRecognisesARedelivery() throws Exception {
        try (Infrastructure infra = EmbeddedInfrastructure.start(dataDir, 0, 0, 0)) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(infra.database("inbox_it"));
            dataSource.setUser(infra.databaseUser());
            dataSource.setPassword(infra.databasePassword());
            migrate(dataSource);
            String eventId = Envelopes.next("test", "x", null).getEventId();

            try (Connection c = dataSource.getConnection()) {
                assertThat(Inbox.firstDelivery(c, "reward", eventId)).isTrue();
                assertThat(Inbox.firstDelivery(c, "reward", eventId)).isFalse();
                assertThat(Inbox.firstDelivery(c, "verifier", eventId)).isTrue();
            }
        }
    }

    private static AccountOpened opened(String accountId) {
        return AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", accountId, null))
                .setAccountId(accountId).setStartingCredits(1).build();
    }

    private static long outboxRows(PGSimpleDataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM outbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The shared messaging migrations, in order, as Flyway applies them in each service. */
    private static void migrate(PGSimpleDataSource dataSource) throws Exception {
        for (String migration : java.util.List.of("V0_1__outbox_and_inbox.sql", "V0_2__outbox_trace_context.sql")) {
            String sql;
            try (var in = OutboxRelayIT.class.getResourceAsStream("/db/lode-messaging/" + migration)) {
                sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
