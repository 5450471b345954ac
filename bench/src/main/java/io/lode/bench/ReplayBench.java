package io.lode.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lode.cli.EventLog;
import io.lode.events.KafkaAccess;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.reward.audit.AuditReplay;
import io.lode.reward.audit.LoggedEvent;
import io.lode.reward.audit.SimulatedNetwork;
import io.lode.reward.escrow.ReceiptCheck;
import io.lode.reward.epoch.EpochClose;
import io.lode.testsupport.infra.EmbeddedInfrastructure;
import io.lode.testsupport.infra.KafkaBroker;
import io.lode.testsupport.infra.FreePorts;

/**
 * The audit replay's rate: a seeded network's log (accounts, tasks, verdicts, honeypots, ledger events, epochs with
 * emission and vesting, as the reward service's own code writes them) replayed twice — from its Avro bytes in memory
 * (decode + replay: the replay's own cost), and the way {@code lode audit replay} runs it, read from a real Kafka
 * broker. Both must find no difference.
 */
final class ReplayBench {

    static final EpochClose.Parameters PARAMETERS = new EpochClose.Parameters(1_000_000, 3, 2_500, 500, 9_000);

    record Result(int events, long epochs, double inMemoryPerSecond, double fromKafkaPerSecond) {
    }

    Result run(int tasks, int repetitions) throws Exception {
        SimulatedNetwork network = new SimulatedNetwork(42, PARAMETERS);
        List<LoggedEvent> log = network.run(2_000, 200, tasks, Math.max(1, tasks / 20));
        ReceiptCheck receipts = ReceiptCheck.against(network.verifierKeys());
        List<byte[]> encoded = log.stream().map(e -> EventCodec.shared().encode(e.event())).toList();

        double inMemory = 0;
        long epochs = 0;
        for (int i = 0; i < repetitions; i++) { // the first runs warm the JIT; the best run counts
            long start = System.nanoTime();
            List<LoggedEvent> decoded = new ArrayList<>(log.size());
            for (int e = 0; e < log.size(); e++) {
                LoggedEvent original = log.get(e);
                decoded.add(new LoggedEvent(original.topic(), original.partition(), original.offset(),
                        EventCodec.shared().decode(encoded.get(e))));
            }
            AuditReplay.Report report = clean(new AuditReplay(PARAMETERS, receipts).replay(decoded));
            inMemory = Math.max(inMemory, log.size() / ((System.nanoTime() - start) / 1e9));
            epochs = report.epochs();
        }

        try (EmbeddedInfrastructure kafka = EmbeddedInfrastructure.start(Files.createTempDirectory("lode-bench-kafka"),
                FreePorts.any(), FreePorts.any(), FreePorts.any())) {
            kafka.createTopics(Topics.all());
            publish(kafka.kafkaClient(KafkaBroker.ADMIN), log, encoded);
            double fromKafka = 0;
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                EventLog.Contents contents = new EventLog(kafka.kafkaClient(KafkaAccess.AUDITOR.principal())).read(new EventLog.Progress(null));
                clean(new AuditReplay(PARAMETERS, receipts).replay(contents.events()));
                fromKafka = Math.max(fromKafka, contents.events().size() / ((System.nanoTime() - start) / 1e9));
            }
            return new Result(log.size(), epochs, inMemory, fromKafka);
        }
    }

    private static AuditReplay.Report clean(AuditReplay.Report report) {
        if (!report.differences().isEmpty()) {
            throw new IllegalStateException("the replay of an untouched log found " + report.differences().size()
                    + " differences, the first: " + report.differences().get(0));
        }
        return report;
    }

    private static void publish(Map<String, Object> client, List<LoggedEvent> log, List<byte[]> encoded)
            throws Exception {
        Map<String, Object> config = new java.util.HashMap<>(client);
        config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int e = 0; e < log.size(); e++) {
                LoggedEvent event = log.get(e);
                producer.send(new ProducerRecord<>(event.topic(), event.partition(),
                        event.envelope().getCorrelationId(), encoded.get(e)));
            }
            producer.flush();
        }
    }

    static String markdown(Result r) {
        return String.format("Audit replay of a simulated network's log (%,d events, %d epochs; best of the runs)%n%n"
                        + "| replay | events/s |%n|---|---:|%n| decode + replay, in memory | %,.0f |%n"
                        + "| `lode audit replay` path: read from Kafka + decode + replay | %,.0f |%n",
                r.events(), r.epochs(), r.inMemoryPerSecond(), r.fromKafkaPerSecond());
    }
}
