package io.lode.reward.epoch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.events.Topics;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.LedgerScenario;
import io.lode.reward.LedgerServiceIT;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Fraud found before vesting: a later FAIL of a paid result takes the agent's unvested rewards, on the ledger. */
@QuarkusTest
@TestProfile(SlashingIT.LongVesting.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "reward"))
class SlashingIT extends LedgerServiceIT {

    @Test
    void aLaterFailOfAPaidResultSlashesTheUnvestedRewardsButNotThePaidFee() throws Exception {
        // given an agent paid 760 for a verified result, and its emission share waiting to vest
        String task = scenario.escrowedTask(5_000, 1_000);
        scenario.pass(scenario.agent, task, 800);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent)
                .then().statusCode(200).body("unvested", equalTo(36)).body("available", equalTo(760)));

        // when the verifier fails that same result later (a honeypot it had missed)
        scenario.send(Topics.VERDICTS.name(), task, scenario.verdict(task, Verdict.FAIL, 800));

        // then the unvested rewards go, with the reason on the ledger, and what was paid stays paid
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent)
                .then().statusCode(200).body("unvested", equalTo(0)).body("available", equalTo(760)));
        LedgerScenario.auditor().get("/v1/ledger/accounts/treasury/entries?limit=20").then().statusCode(200)
                .body("items.kind", hasItem("SLASH"));
        // and later epochs close normally: nothing slashed ever vests
        long epoch = given().get("/v1/epochs/latest").then().extract().<Number>path("epoch").longValue();
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/v1/epochs/latest").then().extract()
                .<Number>path("epoch").longValue() > epoch + 1);
        LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.agent).then().body("unvested", equalTo(0))
                .body("available", equalTo(760));
    }

    /** Emission on; rewards vest only after 1,000 epochs, so the slash comes first. */
    public static class LongVesting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lode.reward.emission-per-epoch", "1000000", "lode.reward.vesting-epochs", "1000");
        }
    }
}
