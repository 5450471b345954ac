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

import io.lode.events.Envelopes;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.codec.EventSerializer;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;

/** One consumer and one agent of a reward-service test: events to the real broker, balances from the API. */
public final class LedgerScenario implements AutoCloseable {

    public final String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    public final String agent = "agt_" + UUID.randomUUID().toString().replace("-", "");
    private final KafkaProducer<String, SpecificRecord> producer;

    public LedgerScenario(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer());
    }

    public void send(String topic, String key, SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }

    public void awaitBalance(String accountId, long available, long escrowed) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> balanceIs(accountId, available, escrowed));
    }

    public static void balanceIs(String accountId, long available, long escrowed) {
        given().get("/v1/ledger/accounts/" + accountId).then().statusCode(200)
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

    public ResultVerdict verdict(String agentId, String task, Verdict verdict, long price) {
        return ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAgentId(agentId).setAccountId(account).setPrice(price)
                .setVerdict(verdict).setScore(1.0).setMethod("test").build();
    }

    public static TaskFailed failed(String task) {
        return TaskFailed.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setReason("test").build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
