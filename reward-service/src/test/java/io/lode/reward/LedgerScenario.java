package io.lode.reward;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lode.testsupport.infra.TestKafka;
import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.codec.EventSerializer;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.audit.SigningVerifier;

/** One consumer and one agent of a reward-service test: events to the real broker, balances from the API. */
public final class LedgerScenario implements AutoCloseable {

    public final String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    public final String agent = "agt_" + UUID.randomUUID().toString().replace("-", "");
    private final KafkaProducer<String, SpecificRecord> producer;

    /** Writes as the broker's super user: the test plays the gateway, the orchestrator and the verifier. */
    public LedgerScenario() {
        producer = new KafkaProducer<>(TestKafka.client(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new EventSerializer());
    }

    public void send(String topic, String key, SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }

    /**
     * Opens this scenario's consumer account with {@code credits} and submits a task reserving {@code maxPrice};
     * returns the task's id once its fee is escrowed.
     */
    public String escrowedTask(long credits, long maxPrice) throws Exception {
        send(io.lode.events.Topics.ACCOUNTS.name(), account, opened(credits));
        awaitBalance(account, credits, 0);
        String task = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        send(io.lode.events.Topics.TASKS.name(), task, submitted(task, maxPrice));
        awaitBalance(account, credits - maxPrice, maxPrice);
        return task;
    }

    public void awaitBalance(String accountId, long available, long escrowed) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> balanceIs(accountId, available, escrowed));
    }

    /** A request with the auditor's token (see application.properties): an account's ledger is private. */
    public static io.restassured.specification.RequestSpecification auditor() {
        return given().header("Authorization", "Bearer test-auditor-token");
    }

    public static void balanceIs(String accountId, long available, long escrowed) {
        auditor().get("/v1/ledger/accounts/" + accountId).then().statusCode(200)
                .body("available", equalTo((int) available)).body("escrowed", equalTo((int) escrowed));
    }

    public AccountOpened opened(long credits) {
        return opened(credits, null);
    }

    /** An opening signed with an agent key ({@code ownerKey}, base64url), as the gateway reports it. */
    public AccountOpened opened(long credits, String ownerKey) {
        return AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", account, null)).setAccountId(account)
                .setStartingCredits(credits).setOwnerKey(ownerKey).build();
    }

    public TaskSubmitted submitted(String task, long maxPrice) {
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAccountId(account).setInput("what is 1 + 1?").setMaxPrice(maxPrice)
                .setRedundancy(1).setDeadlineAt(Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.MICROS)).build();
    }

    public ResultVerdict verdict(String task, Verdict verdict, long price) {
        return verdict(agent, task, verdict, price);
    }

    /** A verdict with the receipt the test verifier signs (see {@link TestVerifier}). */
    public ResultVerdict verdict(String agentId, String task, Verdict verdict, long price) {
        return TestVerifier.SIGNER.sign(ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", task, null))
                .setTaskId(task).setKind(TaskKind.CONSUMER).setAgentId(agentId).setAccountId(account).setPrice(price)
                .setVerdict(verdict).setScore(1.0).setMethod("test").build(), Instant.now());
    }

    /** The orchestrator's completion of {@code task}, naming a payment for each passed verdict. */
    public static TaskCompleted completed(String task, ResultVerdict... passed) {
        return TaskCompleted.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setAgentIds(java.util.Arrays.stream(passed).map(ResultVerdict::getAgentId).toList())
                .setFeeCharged(java.util.Arrays.stream(passed).mapToLong(ResultVerdict::getPrice).sum())
                .setPayments(java.util.Arrays.stream(passed).map(SigningVerifier::paymentFor).toList()).build();
    }

    /** The verdict and the completion that pays it, as the verifier and the orchestrator publish them. */
    public void pass(String agentId, String task, long price) throws Exception {
        ResultVerdict pass = verdict(agentId, task, Verdict.PASS, price);
        send(io.lode.events.Topics.VERDICTS.name(), task, pass);
        send(io.lode.events.Topics.TASKS.name(), task, completed(task, pass));
    }

    public static TaskFailed failed(String task) {
        return TaskFailed.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setReason("test").build();
    }

    /**
     * The dead-letter-reason of the record the reward service parked in lode.dlq.reward-service for the event
     * {@code eventId}, or null while there is none.
     */
    public String deadLetterReason(String eventId) {
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(TestKafka.client(Map.of(
                "group.id", "dlq-reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest")), new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(io.lode.events.Topics.deadLetters("reward-service").name()));
            for (int poll = 0; poll < 5; poll++) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (io.lode.events.Envelopes.of(io.lode.events.codec.EventCodec.shared().decode(record.value()))
                            .getEventId().equals(eventId)) {
                        var header = record.headers().lastHeader("dead-letter-reason");
                        return header == null ? "" : new String(header.value(),
                                java.nio.charset.StandardCharsets.UTF_8);
                    }
                }
            }
            return null;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
