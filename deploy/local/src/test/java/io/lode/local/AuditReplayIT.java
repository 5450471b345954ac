package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.events.Envelope;
import io.lode.events.Topics;
import io.lode.events.codec.EventCodec;
import io.lode.events.Envelopes;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import picocli.CommandLine;

/**
 * An auditor's view of a whole local network: accounts, an agent's registration, paid, failed and redundant tasks
 * and epochs with emission and vesting, all through the gateway; then {@code lode audit replay} reads the broker
 * and finds nothing to report. A forged payment appended to lode.ledger is then reported at its offset, with a
 * non-zero exit; a verdict and a completion a plain Kafka client writes pay nobody and are reported FORGED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PRICE = 1_000;

    @TempDir
    static Path dataDir;

    private static LocalNetwork network;
    private static LocalSettings settings;
    private static GatewayClient gateway;

    @BeforeAll
    static void aNetworkThatHasDoneSomeWork() throws Exception {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        settings = LocalSettings.forTest(repoRoot, dataDir, 50_000_000, PRICE, "2s",
                Map.of("LODE_REWARD_EMISSION_PER_EPOCH", "1000000", "LODE_REWARD_VESTING_EPOCHS", "1"));
        network = LocalNetwork.start(settings, System.out);
        gateway = new GatewayClient(network.gatewayUrl());

        String first = gateway.newApiKey();
        String second = gateway.newApiKey();
        List<String> tasks = new ArrayList<>();
        for (String question : List.of("what is 2 + 3?", "what is 17 * 23?", "what is 100 - 58?")) {
            tasks.add(gateway.json("POST", "/v1/tasks?wait=verified", first, "{\"input\":\"" + question + "\"}", 200)
                    .path("taskId").asText());
        }
        tasks.add(gateway.json("POST", "/v1/tasks?wait=verified", second, "{\"input\":\"what is 6 * 7?\"}", 200)
                .path("taskId").asText());
        // three agents asked for, one able: FAILED, and the whole escrow goes back
        tasks.add(gateway.json("POST", "/v1/tasks?wait=verified", second,
                "{\"input\":\"what is 1 + 1?\",\"redundancy\":3}", 200).path("taskId").asText());
        // the requests that once broke every later audit (an overflowing reservation) or stalled the network (input
        // that shows nothing) are refused at the edge: never in the log, so the replay below stays clean
        gateway.json("POST", "/v1/tasks", second,
                "{\"input\":\"what is 1 + 1?\",\"maxPrice\":4611686018427387904,\"redundancy\":2}", 400);
        gateway.json("POST", "/v1/tasks", second, "{\"input\":\"\u200b\u2060\"}", 400);
        await().atMost(Duration.ofSeconds(60)).until(() -> tasks.stream().allMatch(t -> settled(t, first, second)));

        // emission accrues at the next close and vests at the one after
        long settledIn = latestEpoch();
        await().atMost(Duration.ofSeconds(60)).until(() -> latestEpoch() >= settledIn + 2);
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @Test
    @Order(1)
    void theReplayOfAnHonestNetworkReportsNoDifference() throws Exception {
        AuditRun audit = audit("--json");

        assertThat(audit.exitCode()).as(audit.output() + audit.errors()).isZero();
        JsonNode report = JSON.readTree(audit.output());
        assertThat(report.path("differences")).isEmpty();
        assertThat(report.path("epochs").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(report.path("balancesCompared").asInt()).isGreaterThan(5);
        assertThat(report.path("produced").fieldNames()).toIterable().contains("Deposited", "FeeEscrowed",
                "FeeReleased", "FeeRefunded", "RewardAccrued", "RewardVested", "EpochClosed");
    }

    @Test
    @Order(2)
    void aForgedPaymentAppendedToTheLedgerIsReportedAtItsOffset() throws Exception {
        TopicProbe probe = TopicProbe.of(network);
        ConsumerRecord<String, byte[]> genuine = probe.records(Topics.Names.LEDGER,
                r -> EventCodec.shared().decode(r.value()) instanceof FeeReleased, found -> !found.isEmpty()).get(0);
        FeeReleased paid = (FeeReleased) EventCodec.shared().decode(genuine.value());
        Envelope envelope = paid.getEnvelope();
        FeeReleased forged = FeeReleased.newBuilder()
                .setEnvelope(Envelope.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(envelope.getOccurredAt()).setCorrelationId(envelope.getCorrelationId())
                        .setCausationId(envelope.getCausationId()).setProducer(envelope.getProducer()).build())
                .setTaskId(paid.getTaskId()).setAgentId(paid.getAgentId()).setAccountId(paid.getAccountId())
                .setPaidToAgent(paid.getPaidToAgent() * 100).setProtocolFee(paid.getProtocolFee()).setRefunded(0)
                .build();
        RecordMetadata at = probe.publish(Topics.Names.LEDGER, genuine.key(), EventCodec.shared().encode(forged));
        String where = Topics.Names.LEDGER + "/" + at.partition() + "@" + at.offset();

        AuditRun json = audit("--json");
        assertThat(json.exitCode()).as(json.output() + json.errors()).isEqualTo(1);
        assertThat(JSON.readTree(json.output()).path("differences")).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("UNEXPECTED");
            assertThat(d.path("where").asText()).isEqualTo(where);
            assertThat(d.path("found").asText()).contains("paidToAgent=" + paid.getPaidToAgent() * 100);
        });

        AuditRun text = audit();
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.output()).contains("UNEXPECTED  " + where);
    }

    @Test
    @Order(3)
    void aVerdictAndACompletionWrittenByAPlainKafkaClientPayNobodyAndAreReportedForged() throws Exception {
        TopicProbe probe = TopicProbe.of(network);
        ConsumerRecord<String, byte[]> genuine = probe.records(Topics.Names.VERDICTS,
                r -> EventCodec.shared().decode(r.value()) instanceof ResultVerdict v && v.getKind() == TaskKind.CONSUMER
                        && v.getVerdict() == Verdict.PASS, found -> !found.isEmpty()).get(0);
        ResultVerdict real = (ResultVerdict) EventCodec.shared().decode(genuine.value());
        String nobody = "agt_" + UUID.randomUUID().toString().replace("-", "");
        ResultVerdict forgedVerdict = ResultVerdict.newBuilder().setEnvelope(Envelopes.next("attacker",
                        real.getTaskId(), null)).setTaskId(real.getTaskId()).setKind(TaskKind.CONSUMER)
                .setAgentId(nobody).setAccountId(real.getAccountId()).setPrice(950_000).setVerdict(Verdict.PASS)
                .setScore(1).setMethod("arithmetic").build();
        // the receipt of the real verdict, under a payment to someone else, at another price
        Payment stolen = Payment.newBuilder().setAgentId(nobody).setPrice(950_000).setVerdict(Verdict.PASS)
                .setScore(real.getScore()).setMethod(real.getMethod()).setReceipt(real.getReceipt()).build();
        TaskCompleted forgedCompletion = TaskCompleted.newBuilder().setEnvelope(Envelopes.next("attacker",
                        real.getTaskId(), null)).setTaskId(real.getTaskId()).setAgentIds(List.of(nobody))
                .setFeeCharged(950_000).setPayments(List.of(stolen)).build();
        RecordMetadata verdictAt = probe.publish(Topics.Names.VERDICTS, real.getTaskId(),
                EventCodec.shared().encode(forgedVerdict));
        RecordMetadata completionAt = probe.publish(Topics.Names.TASKS, real.getTaskId(),
                EventCodec.shared().encode(forgedCompletion));

        // nobody's account is never paid (the ledger never opens it; the auditor may look)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(gateway.send("GET", "/v1/ledger/accounts/" + nobody, network.auditorToken(), null)
                        .statusCode()).isEqualTo(404));
        AuditRun json = audit("--json");
        assertThat(json.exitCode()).as(json.output() + json.errors()).isEqualTo(1);
        JsonNode differences = JSON.readTree(json.output()).path("differences");
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("FORGED");
            assertThat(d.path("where").asText()).isEqualTo(Topics.Names.VERDICTS + "/" + verdictAt.partition() + "@"
                    + verdictAt.offset());
            assertThat(d.path("found").asText()).isEqualTo("no receipt");
        });
        assertThat(differences).anySatisfy(d -> {
            assertThat(d.path("kind").asText()).isEqualTo("FORGED");
            assertThat(d.path("where").asText()).isEqualTo(Topics.Names.TASKS + "/" + completionAt.partition() + "@"
                    + completionAt.offset());
            assertThat(d.path("expected").asText()).contains("payment of 950000 to " + nobody);
            assertThat(d.path("found").asText()).contains("signature does not match");
        });
    }

    private static AuditRun audit(String... options) {
        return AuditRun.replay(network, options);
    }

    /** Paid or refunded, as the task's owner sees it. */
    private static boolean settled(String taskId, String... apiKeys) {
        for (String apiKey : apiKeys) {
            var response = call(() -> gateway.send("GET", "/v1/tasks/" + taskId, apiKey, null));
            if (response.statusCode() == 200) {
                JsonNode task = call(() -> JSON.readTree(response.body()));
                return task.at("/fee/paidToAgent").isNumber() || task.at("/fee/refunded").isNumber();
            }
        }
        return false;
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long latestEpoch() throws Exception {
        var response = gateway.send("GET", "/v1/epochs/latest", null, null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("epoch").asLong() : 0;
    }
}
