package io.lode.reward.epoch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lode.events.Topics;
import io.lode.identity.AgentId;
import io.lode.identity.AgentKeys;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.LedgerScenario;
import io.lode.reward.LedgerServiceIT;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Emission: each epoch mints credits for verified work, split by value, unvested first, then the agent's.
 */
@QuarkusTest
@TestProfile(EmissionIT.EmissionProfile.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "reward"))
class EmissionIT extends LedgerServiceIT {


    @Test
    void verifiedWorkEarnsTheEpochEmissionWhichVestsLater() throws Exception {
        // given an agent paid 800 (760 after the protocol fee) for a verified result
        String task = scenario.escrowedTask(5_000, 1_000);
        scenario.pass(scenario.agent, task, 800);

        // when epochs close (every 2 s, emission 1,000,000, vesting after one epoch)
        // then the agent's emission share — 90 % of the 40 its work paid in fees, far below the emission — first
        // waits unvested, then becomes its own
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent).then()
                .statusCode(200).body("unvested", equalTo(36)).body("available", equalTo(760)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent).then()
                .statusCode(200).body("unvested", equalTo(0)).body("available", equalTo(796)));
        // and epochs without verified work mint nothing
        Number emission = given().get("/v1/epochs/latest").then().statusCode(200).extract().path("emission");
        assertThat(emission.longValue()).isZero();
    }

    @Test
    void anAgentsEarningsArePublicInTotalAndPerEpochAndAddUp() throws Exception {
        // given an agent paid 760 for a task of each of two consumers, minted 36 for each once its epoch closed
        scenario.pass(scenario.agent, scenario.escrowedTask(5_000, 1_000), 800);
        try (LedgerScenario other = new LedgerScenario()) {
            other.pass(scenario.agent, other.escrowedTask(5_000, 1_000), 800);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/ledger/earnings/"
                + scenario.agent).then().statusCode(200).body("total.work", equalTo(1_520))
                .body("total.tasksPaid", equalTo(2)).body("total.emission", equalTo(72))
                .body("total.reviews", equalTo(0)).body("total.slashed", equalTo(0)));

        // then, without any credential, the closed epochs and the open one split the same total
        io.restassured.path.json.JsonPath earnings = given().get("/v1/ledger/earnings/" + scenario.agent
                + "?epochs=100").then().statusCode(200).extract().jsonPath();
        java.util.List<Integer> work = earnings.getList("epochs.earned.work", Integer.class);
        java.util.List<Integer> minted = earnings.getList("epochs.earned.emission", Integer.class);
        assertThat(work.stream().mapToInt(Integer::intValue).sum() + earnings.getInt("current.work")).isEqualTo(1_520);
        assertThat(minted.stream().mapToInt(Integer::intValue).sum() + earnings.getInt("current.emission"))
                .isEqualTo(72);
        java.util.List<Long> epochs = earnings.getList("epochs.epoch", Long.class);
        assertThat(epochs).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // an epoch's emission is minted at its close for the work paid in it
        for (int i = 0; i < work.size(); i++) {
            assertThat(minted.get(i) > 0).as("epoch %s", epochs.get(i)).isEqualTo(work.get(i) > 0);
        }
        given().get("/v1/ledger/earnings/" + scenario.agent + "?epochs=1").then().statusCode(200)
                .body("epochs.size()", equalTo(1));

        // an agent never paid reads as zeros; what is not an agent id (a consumer's account) is refused
        given().get("/v1/ledger/earnings/agt_" + "0".repeat(32)).then().statusCode(200)
                .body("total.work", equalTo(0)).body("unvested", equalTo(0));
        given().get("/v1/ledger/earnings/" + scenario.account).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("bad-parameter"));
        given().get("/v1/ledger/earnings/" + scenario.agent + "?epochs=0").then().statusCode(400);
    }

    @Test
    void workForAnAccountOpenedWithTheAgentsOwnKeyEarnsItsFeeButNoEmission() throws Exception {
        // given a consumer account opened with the agent's own key (a signed opening at the gateway)
        KeyPair keys = AgentKeys.generate();
        String selfAgent = AgentId.of(keys.getPublic());
        scenario.send(Topics.ACCOUNTS.name(), scenario.account, scenario.opened(5_000,
                AgentKeys.encodePublic(keys.getPublic())));
        scenario.awaitBalance(scenario.account, 5_000, 0);
        String task = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        scenario.send(Topics.TASKS.name(), task, scenario.submitted(task, 1_000));
        scenario.awaitBalance(scenario.account, 4_000, 1_000);

        // when that agent's result for it passes and epochs close
        scenario.pass(selfAgent, task, 800);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LedgerScenario.auditor().get("/v1/ledger/accounts/" + selfAgent)
                .then().statusCode(200).body("available", equalTo(760)));
        long paidIn = latestEpoch();
        await().atMost(Duration.ofSeconds(30)).until(() -> latestEpoch() >= paidIn + 2);

        // then it kept its fee, and no epoch minted anything for the work
        LedgerScenario.auditor().get("/v1/ledger/accounts/" + selfAgent).then().statusCode(200).body("available", equalTo(760))
                .body("unvested", equalTo(0));
    }

    @Test
    void anAgentPayingItselfFromManyUnsignedAccountsEarnsLessThanTheFeesItPaid() throws Exception {
        // given five consumer accounts nobody can link to the agent, each paying it 800 (fee 40) for a result
        int sybils = 5;
        for (int i = 0; i < sybils; i++) {
            try (LedgerScenario sybil = new LedgerScenario()) {
                String task = sybil.escrowedTask(1_000, 1_000);
                sybil.pass(scenario.agent, task, 800);
                sybil.awaitBalance(sybil.account, 200, 0);
            }
        }

        // when epochs close and vest (emission 1,000,000 each: the emission itself never binds)
        // then the agent was minted 36 per task, 180 in all: it holds 3,980 of the 4,000 its own accounts paid,
        // less than the 200 its washing paid in fees
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LedgerScenario.auditor().get("/v1/ledger/accounts/"
                + scenario.agent).then().statusCode(200).body("unvested", equalTo(0))
                .body("available", equalTo(sybils * 760 + sybils * 36)));
        long paidIn = latestEpoch();
        await().atMost(Duration.ofSeconds(30)).until(() -> latestEpoch() >= paidIn + 2);
        LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent).then().statusCode(200)
                .body("available", equalTo(sybils * 760 + sybils * 36));
    }

    private static long latestEpoch() {
        Number epoch = given().get("/v1/epochs/latest").then().extract().path("epoch");
        return epoch == null ? 0 : epoch.longValue();
    }

    /** Emission on, vesting after one epoch, epochs every 2 s. */
    public static class EmissionProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lode.reward.emission-per-epoch", "1000000", "lode.reward.vesting-epochs", "1");
        }
    }
}
