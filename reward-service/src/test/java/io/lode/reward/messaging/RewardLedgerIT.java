package io.lode.reward.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.Topics;
import io.lode.events.accounts.AccountOpened;
import io.lode.events.codec.EventSerializer;
import io.lode.events.merkle.InclusionProof;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reward service in-process against the shared real broker and its own real database: events in,
 * balances out. Given/when/then over the escrow saga, including a redelivered event.
 */
@QuarkusTest
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "reward"))
class RewardLedgerIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private KafkaProducer<String, SpecificRecord> producer;
    private final String account = "acc_" + UUID.randomUUID().toString().substring(0, 8);
    private final String agent = "agt_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer());
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void escrowThenPassPaysTheAgentLessTheFeeAndRefundsTheRest() throws Exception {
        // given an account with 5,000 micro-credits
        send(Topics.ACCOUNTS.name(), account, opened(5_000));
        awaitBalance(account, 5_000, 0);

        // when a task reserves 1,000 and its result passes at a price of 800
        String task = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        send(Topics.TASKS.name(), task, submitted(task, 1_000));
        awaitBalance(account, 4_000, 1_000);
        ResultVerdict pass = verdict(task, Verdict.PASS, 800);
        send(Topics.VERDICTS.name(), task, pass);

        // then the agent gets 800 less 5 %, the consumer gets 200 back, nothing stays escrowed
        awaitBalance(agent, 760, 0);
        awaitBalance(account, 4_200, 0);

        // and a redelivery of the same verdict, then a failure of the same task, move nothing
        send(Topics.VERDICTS.name(), task, pass);
        send(Topics.TASKS.name(), task, failed(task));
        given().get("/v1/ledger/accounts/" + account + "/entries").then().statusCode(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            balanceIs(agent, 760, 0);
            balanceIs(account, 4_200, 0);
        });
    }

    @Test
    void epochsPublishARootThatProvesEveryBalanceAndChainToTheirPredecessor() throws Exception {
        // given an agent paid 760 for a verified result
        send(Topics.ACCOUNTS.name(), account, opened(5_000));
        awaitBalance(account, 5_000, 0);
        String task = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        send(Topics.TASKS.name(), task, submitted(task, 1_000));
        awaitBalance(account, 4_000, 1_000);
        send(Topics.VERDICTS.name(), task, verdict(task, Verdict.PASS, 800));
        awaitBalance(agent, 760, 0);

        // when an epoch closes after that (every 2 s under the test profile)
        long epoch = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var latest = given().get("/v1/epochs/latest");
            return latest.statusCode() == 200 && given().get("/v1/epochs/" + latest.path("epoch") + "/proofs/" + agent)
                    .statusCode() == 200 ? ((Number) latest.path("epoch")).longValue() : -1L;
        }, n -> n > 0);

        // then the agent's inclusion proof verifies against the published root, and a tampered one does not
        String root = given().get("/v1/epochs/" + epoch).then().statusCode(200).extract().path("merkleRoot");
        InclusionProof proof = given().get("/v1/epochs/" + epoch + "/proofs/" + agent).then().statusCode(200)
                .extract().as(InclusionProof.class);
        assertThat(proof.balance()).isEqualTo(760);
        assertThat(proof.verifies(root)).isTrue();
        assertThat(new InclusionProof(epoch, agent, 7_600, proof.path(), root).verifies(root)).isFalse();

        // and the epoch names the hash of the one before it
        if (epoch > 1) {
            String previousHash = given().get("/v1/epochs/" + (epoch - 1)).then().extract().path("hash");
            given().get("/v1/epochs/" + epoch).then().body("previousHash", equalTo(previousHash));
        }
        given().get("/v1/epochs/999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aTaskBeyondTheBalanceIsRejectedAndAFailedTaskIsRefunded() throws Exception {
        send(Topics.ACCOUNTS.name(), account, opened(1_500));
        awaitBalance(account, 1_500, 0);

        send(Topics.TASKS.name(), "tsk_too_big_" + account, submitted("tsk_too_big_" + account, 2_000));
        String task = "tsk_ok_" + account;
        send(Topics.TASKS.name(), task, submitted(task, 1_000));
        awaitBalance(account, 500, 1_000);

        send(Topics.TASKS.name(), task, failed(task));
        awaitBalance(account, 1_500, 0);
    }

    @Test
    void unknownAccountsAreAProblemNotAnError() {
        given().get("/v1/ledger/accounts/acc_nobody").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://lode.dev/problems/unknown-account"));
        given().get("/v1/ledger/accounts/mint/entries?limit=0").then().statusCode(400);
    }

    private void awaitBalance(String accountId, long available, long escrowed) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> balanceIs(accountId, available, escrowed));
    }

    private static void balanceIs(String accountId, long available, long escrowed) {
        given().get("/v1/ledger/accounts/" + accountId).then().statusCode(200)
                .body("available", equalTo((int) available)).body("escrowed", equalTo((int) escrowed));
    }

    private void send(String topic, String key, SpecificRecord event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, event)).get();
    }

    private AccountOpened opened(long credits) {
        return AccountOpened.newBuilder().setEnvelope(Envelopes.next("test", account, null)).setAccountId(account)
                .setStartingCredits(credits).build();
    }

    private TaskSubmitted submitted(String task, long maxPrice) {
        return TaskSubmitted.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAccountId(account).setInput("what is 1 + 1?").setMaxPrice(maxPrice)
                .setRedundancy(1).setDeadlineAt(Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.MICROS)).build();
    }

    private ResultVerdict verdict(String task, Verdict verdict, long price) {
        return ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setKind(TaskKind.CONSUMER).setAgentId(agent).setAccountId(account).setPrice(price)
                .setVerdict(verdict).setScore(1.0).setMethod("test").build();
    }

    private static TaskFailed failed(String task) {
        return TaskFailed.newBuilder().setEnvelope(Envelopes.next("test", task, null)).setTaskId(task)
                .setReason("test").build();
    }
}
