package io.lode.reward.rest;

import static io.lode.reward.LedgerScenario.balanceIs;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lode.events.Topics;
import io.lode.reward.LedgerScenario;
import io.lode.reward.LedgerServiceIT;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The admin API credits a consumer once per depositId, and only for the holder of the admin token. */
@QuarkusTest
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "reward"))
class AdminDepositIT extends LedgerServiceIT {

    private static final String TOKEN = "test-admin-token";

    @BeforeEach
    void aConsumerWithAThousand() throws Exception {
        scenario.send(Topics.ACCOUNTS.name(), scenario.account, scenario.opened(1_000));
        scenario.awaitBalance(scenario.account, 1_000, 0);
    }

    @Test
    void anOperatorDepositsOnceEvenWhenTheRequestIsRetried() {
        String body = deposit(UUID.randomUUID().toString(), scenario.account, 25_000);

        admin(TOKEN).body(body).post("/admin/v1/deposits").then().statusCode(201).body("status", equalTo("deposited"));
        admin(TOKEN).body(body).post("/admin/v1/deposits").then().statusCode(200)
                .body("status", equalTo("already deposited"));

        balanceIs(scenario.account, 26_000, 0);
        LedgerScenario.auditor().get("/v1/ledger/accounts/" + scenario.account + "/entries?limit=1").then()
                .body("items[0].memo", equalTo("admin deposit: support refund"));
    }

    @Test
    void withoutTheAdminTokenNothingIsDeposited() {
        String body = deposit(UUID.randomUUID().toString(), scenario.account, 25_000);

        given().contentType("application/json").body(body).post("/admin/v1/deposits").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        admin("guess").body(body).post("/admin/v1/deposits").then().statusCode(401);

        balanceIs(scenario.account, 1_000, 0);
    }

    @Test
    void badDepositsAreProblems() {
        admin(TOKEN).body(deposit("not-a-uuid", scenario.account, 5)).post("/admin/v1/deposits").then()
                .statusCode(400).body("type", equalTo("https://lode.dev/problems/bad-deposit"));
        admin(TOKEN).body(deposit(UUID.randomUUID().toString(), scenario.account, 0)).post("/admin/v1/deposits")
                .then().statusCode(400);
        admin(TOKEN).body(deposit(UUID.randomUUID().toString(), "acc_nobody", 5)).post("/admin/v1/deposits").then()
                .statusCode(404).body("type", equalTo("https://lode.dev/problems/unknown-account"));
        admin(TOKEN).body(deposit(UUID.randomUUID().toString(), "treasury", 5)).post("/admin/v1/deposits").then()
                .statusCode(404);
        balanceIs(scenario.account, 1_000, 0);
    }

    private static RequestSpecification admin(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json");
    }

    private static String deposit(String depositId, String accountId, long amount) {
        return "{\"depositId\":\"" + depositId + "\",\"accountId\":\"" + accountId + "\",\"amount\":" + amount
                + ",\"reason\":\"support refund\"}";
    }
}
