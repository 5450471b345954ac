package io.lode.gateway.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.identity.AdminTokens;
import io.lode.testsupport.infra.FreePorts;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A production gateway: nobody opens an account without the operator's admin token; the operator revokes keys and
 * issues new ones.
 */
@QuarkusTest
@TestProfile(OperatorAccountsIT.Production.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class OperatorAccountsIT {

    private static final String ADMIN = "operator-secret";

    @Test
    void onlyTheOperatorOpensAccounts() {
        given().post("/v1/accounts").then().statusCode(403).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/accounts-by-operator"));
        given().header("Authorization", "Bearer guess").post("/v1/accounts").then().statusCode(403);

        given().header("Authorization", "Bearer " + ADMIN).post("/v1/accounts").then().statusCode(201);
    }

    @Test
    void theOperatorRevokesAKeyAndIssuesANewOne() {
        String accountId = given().header("Authorization", "Bearer " + ADMIN).post("/v1/accounts").then()
                .statusCode(201).extract().path("accountId");
        String key = given().header("Authorization", "Bearer " + ADMIN).post("/v1/accounts").then().extract()
                .path("apiKey");
        String own = given().header("Authorization", "Bearer " + ADMIN).post("/admin/v1/accounts/" + accountId
                + "/key").then().statusCode(200).extract().path("apiKey");
        // the key is accepted (the ledger behind is down here: 503, not 401)
        given().header("Authorization", "Bearer " + own).get("/v1/accounts/me").then().statusCode(503)
                .body("type", endsWith("/backend-unavailable"));

        given().header("Authorization", "Bearer " + key).delete("/admin/v1/accounts/" + accountId + "/key").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + ADMIN).delete("/admin/v1/accounts/" + accountId + "/key").then()
                .statusCode(204);
        given().header("Authorization", "Bearer " + own).get("/v1/accounts/me").then().statusCode(401);

        String reissued = given().header("Authorization", "Bearer " + ADMIN).post("/admin/v1/accounts/" + accountId
                + "/key").then().statusCode(200).extract().path("apiKey");
        given().header("Authorization", "Bearer " + reissued).get("/v1/accounts/me").then().statusCode(503);
        given().header("Authorization", "Bearer " + ADMIN).post("/admin/v1/accounts/acc_nobody/key").then()
                .statusCode(404);
    }

    /** Self-serve off, an admin token, and no ledger behind the gateway. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = "http://127.0.0.1:" + FreePorts.any();
            return Map.of("lode.gateway.self-serve-accounts", "false",
                    "lode.gateway.admin-token-sha256", AdminTokens.sha256Hex(ADMIN), "lode.gateway.ledger-wait", "0s",
                    "lode.gateway.backends.reward", nowhere);
        }
    }
}
