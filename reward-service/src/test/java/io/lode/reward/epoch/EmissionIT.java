package io.lode.reward.epoch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lode.events.Topics;
import io.lode.events.verdicts.Verdict;
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
        scenario.send(Topics.ACCOUNTS.name(), scenario.account, scenario.opened(5_000));
        scenario.awaitBalance(scenario.account, 5_000, 0);
        String task = "tsk_" + UUID.randomUUID().toString().replace("-", "");
        scenario.send(Topics.TASKS.name(), task, scenario.submitted(task, 1_000));
        scenario.awaitBalance(scenario.account, 4_000, 1_000);
        scenario.send(Topics.VERDICTS.name(), task, scenario.verdict(task, Verdict.PASS, 800));

        // when epochs close (every 2 s, emission 1,000,000, vesting after one epoch)
        // then the agent's emission share first waits unvested, then becomes its own
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/ledger/accounts/" + scenario.agent).then()
                .statusCode(200).body("unvested", equalTo(1_000_000)).body("available", equalTo(760)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/ledger/accounts/" + scenario.agent).then()
                .statusCode(200).body("unvested", equalTo(0)).body("available", equalTo(1_000_760)));
        // and epochs without verified work mint nothing
        Number emission = given().get("/v1/epochs/latest").then().statusCode(200).extract().path("emission");
        assertThat(emission.longValue()).isZero();
    }

    /** Emission on, vesting after one epoch, epochs every 2 s. */
    public static class EmissionProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lode.reward.emission-per-epoch", "1000000", "lode.reward.vesting-epochs", "1");
        }
    }
}
