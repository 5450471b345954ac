package io.lode.reward.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lode.events.Topics;
import io.lode.events.merkle.InclusionProof;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskSubmitted;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.LedgerScenario;
import io.lode.reward.LedgerServiceIT;
import io.lode.reward.audit.Records;
import io.lode.reward.audit.SigningVerifier;
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
class RewardLedgerIT extends LedgerServiceIT {


    @Test
    void escrowThenPassPaysTheAgentLessTheFeeAndRefundsTheRest() throws Exception {
        // given an account with 5,000 micro-credits and a task that reserves 1,000 of them
        String task = scenario.escrowedTask(5_000, 1_000);

        // when its result passes at a price of 800 and the task completes
        ResultVerdict pass = scenario.verdict(task, Verdict.PASS, 800);
        scenario.send(Topics.VERDICTS.name(), task, pass);
        TaskCompleted completed = LedgerScenario.completed(task, pass);
        scenario.send(Topics.TASKS.name(), task, completed);

        // then the agent gets 800 less 5 %, the consumer gets 200 back, nothing stays escrowed
        scenario.awaitBalance(scenario.agent, 760, 0);
        scenario.awaitBalance(scenario.account, 4_200, 0);

        // and a redelivery of the same completion, then a failure of the same task, move nothing
        scenario.send(Topics.TASKS.name(), task, completed);
        scenario.send(Topics.TASKS.name(), task, LedgerScenario.failed(task));
        LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.account + "/entries").then().statusCode(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            LedgerScenario.balanceIs(scenario.agent, 760, 0);
            LedgerScenario.balanceIs(scenario.account, 4_200, 0);
        });
    }

    @Test
    void epochsPublishARootThatProvesEveryBalanceAndChainToTheirPredecessor() throws Exception {
        // given an agent paid 760 for a verified result
        String task = scenario.escrowedTask(5_000, 1_000);
        scenario.pass(scenario.agent, task, 800);
        scenario.awaitBalance(scenario.agent, 760, 0);

        // when an epoch closes after that (every 2 s under the test profile)
        long epoch = await().atMost(Duration.ofSeconds(30)).until(() -> {
            var latest = given().get("/v1/epochs/latest");
            return latest.statusCode() == 200 && LedgerScenario.auditor().get("/v1/epochs/" + latest.path("epoch") + "/proofs/" + scenario.agent)
                    .statusCode() == 200 ? ((Number) latest.path("epoch")).longValue() : -1L;
        }, n -> n > 0);

        // then the agent's inclusion proof verifies against the published root, and a tampered one does not
        String root = given().get("/v1/epochs/" + epoch).then().statusCode(200).extract().path("merkleRoot");
        InclusionProof proof = LedgerScenario.auditor().get("/v1/epochs/" + epoch + "/proofs/" + scenario.agent).then().statusCode(200)
                .extract().as(InclusionProof.class);
        assertThat(proof.balance()).isEqualTo(760);
        assertThat(proof.verifies(root)).isTrue();
        assertThat(new InclusionProof(epoch, scenario.agent, 7_600, proof.path(), root).verifies(root)).isFalse();

        // and the epoch names the hash of the one before it
        if (epoch > 1) {
            String previousHash = given().get("/v1/epochs/" + (epoch - 1)).then().extract().path("hash");
            given().get("/v1/epochs/" + epoch).then().body("previousHash", equalTo(previousHash));
        }
        given().get("/v1/epochs/999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aPaymentWithoutTheVerifiersReceiptPaysNothingAndAForgedFailIsDeadLetteredWithTheReason() throws Exception {
        String forgedTask = scenario.escrowedTask(5_000, 1_000);

        // a plain Kafka client writes a completion whose payment has no receipt: nothing is paid, the consumer
        // gets everything back
        ResultVerdict unsigned = Records.with(scenario.verdict(forgedTask, Verdict.PASS, 950), "receipt", null);
        scenario.send(Topics.TASKS.name(), forgedTask, LedgerScenario.completed(forgedTask, unsigned));
        scenario.awaitBalance(scenario.account, 5_000, 0);
        LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent).then().statusCode(404); // never paid, never opened

        // an honest payment, then a FAIL for it whose receipt another key signed: no slash, dead-lettered
        String task = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        scenario.send(Topics.TASKS.name(), task, scenario.submitted(task, 1_000));
        scenario.pass(scenario.agent, task, 800);
        scenario.awaitBalance(scenario.agent, 760, 0);
        ResultVerdict forgedFail = new SigningVerifier().sign(scenario.verdict(task, Verdict.FAIL, 800),
                java.time.Instant.now());
        scenario.send(Topics.VERDICTS.name(), task, forgedFail);

        String reason = await().atMost(Duration.ofSeconds(30)).until(() -> scenario.deadLetterReason(
                forgedFail.getEnvelope().getEventId()), java.util.Objects::nonNull);
        assertThat(reason).contains("would slash " + scenario.agent).contains("not a key the verifier publishes");
        LedgerScenario.balanceIs(scenario.agent, 760, 0);
    }

    /**
     * A record that fails on its own is dead-lettered at once, not retried: the records behind it on its partition
     * (here the same task's completion) are not held up. Twenty retries of 250 ms held them for over 5 s.
     */
    @Test
    void aPoisonRecordIsDeadLetteredAtOnceAndThePartitionMovesOn() throws Exception {
        String task = scenario.escrowedTask(5_000, 1_000);
        // decodes, then fails in the handler: PostgreSQL refuses the NUL in its id (on the task's own partition)
        TaskSubmitted poison = scenario.submitted(task + "\u0000", 1_000);
        ResultVerdict pass = scenario.verdict(task, Verdict.PASS, 800);

        scenario.send(Topics.TASKS.name(), task, poison);
        scenario.send(Topics.VERDICTS.name(), task, pass);
        scenario.send(Topics.TASKS.name(), task, LedgerScenario.completed(task, pass));

        await().atMost(Duration.ofSeconds(4)).untilAsserted(() -> LedgerScenario.balanceIs(scenario.agent, 760, 0));
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> scenario.deadLetterReason(
                poison.getEnvelope().getEventId()), java.util.Objects::nonNull))
                .startsWith("IllegalStateException").contains("0x00");
    }

    @Test
    void aTaskBeyondTheBalanceIsRejectedAndAFailedTaskIsRefunded() throws Exception {
        scenario.send(Topics.ACCOUNTS.name(), scenario.account, scenario.opened(1_500));
        scenario.awaitBalance(scenario.account, 1_500, 0);

        scenario.send(Topics.TASKS.name(), "tsk_too_big_" + scenario.account, scenario.submitted("tsk_too_big_" + scenario.account, 2_000));
        String task = "tsk_ok_" + scenario.account;
        scenario.send(Topics.TASKS.name(), task, scenario.submitted(task, 1_000));
        scenario.awaitBalance(scenario.account, 500, 1_000);

        scenario.send(Topics.TASKS.name(), task, LedgerScenario.failed(task));
        scenario.awaitBalance(scenario.account, 1_500, 0);
    }

    @Test
    void unknownAccountsAreAProblemNotAnError() {
        LedgerScenario.auditor().get("/v1/ledger/accounts/acc_nobody").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://lode.dev/problems/unknown-account"));
        LedgerScenario.auditor().get("/v1/ledger/accounts/mint/entries?limit=0").then().statusCode(400);
    }
}
