package io.lode.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.testsupport.infra.FreePorts;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The gateway's own answers, on its real database, with every backend down: keys (missing, unknown, rotated),
 * per-key rate limit and daily task quota (429 + Retry-After), body size (413), unreachable backend (503) — all
 * problem+json.
 */
@QuarkusTest
@TestProfile(GatewayLimitsIT.TightLimits.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class GatewayLimitsIT {

    @Test
    void missingUnknownAndRotatedKeysAre401() {
        problem(given().body("{\"input\":\"hi\"}").post("/v1/tasks"), 401, "unauthenticated");
        problem(given().header("Authorization", "Bearer lode_nope").body("{}").post("/v1/tasks"), 401,
                "unauthenticated");

        String oldKey = newKey();
        String newKey = given().header("Authorization", "Bearer " + oldKey).post("/v1/accounts/me/key").then()
                .statusCode(200).extract().path("apiKey");
        problem(given().header("Authorization", "Bearer " + oldKey).get("/v1/tasks/tsk_x"), 401, "unauthenticated");
        assertThat(newKey).isNotEqualTo(oldKey);
        // the new key gets through to the (absent) orchestrator
        problem(given().header("Authorization", "Bearer " + newKey).get("/v1/tasks/tsk_x"), 503, "backend-unavailable");
    }

    @Test
    void aRevokedKeyIs401AndCannotBeRotatedBack() {
        String key = newKey();
        given().header("Authorization", "Bearer " + key).delete("/v1/accounts/me/key").then().statusCode(204);

        problem(given().header("Authorization", "Bearer " + key).get("/v1/tasks/tsk_x"), 401, "unauthenticated");
        problem(given().header("Authorization", "Bearer " + key).post("/v1/accounts/me/key"), 401, "unauthenticated");
        problem(given().header("Authorization", "Bearer " + key).post("/admin/v1/accounts/acc_x/key"), 404,
                "admin-api-disabled");
    }

    /** An absolute-form target ("GET http://host/v1/…"), which used to leave a keyed route unanswered, is a 400. */
    @Test
    void anAbsoluteFormTargetIs400() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET http://127.0.0.1:" + io.restassured.RestAssured.port
                    + "/v1/tasks/tsk_x HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + newKey()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("origin-form");
        }
    }

    @Test
    void anUnreachableBackendIs503AndAnOversizedBodyIs413() {
        String key = newKey();
        problem(given().header("Authorization", "Bearer " + key).body("{\"input\":\"hi\"}").post("/v1/tasks"), 503,
                "backend-unavailable");
        problem(given().header("Authorization", "Bearer " + key).body("{\"input\":\"" + "x".repeat(4_000) + "\"}")
                .post("/v1/tasks"), 413, "body-too-large");
    }

    @Test
    void theDailyTaskQuotaAndThePerKeyRateLimitAnswer429WithRetryAfter() {
        String key = newKey();
        for (int i = 0; i < 2; i++) {
            problem(given().header("Authorization", "Bearer " + key).body("{\"input\":\"hi\"}").post("/v1/tasks"), 503,
                    "backend-unavailable");
        }
        Response overQuota = given().header("Authorization", "Bearer " + key).body("{\"input\":\"hi\"}")
                .post("/v1/tasks");
        problem(overQuota, 429, "quota-exceeded");
        assertThat(Long.parseLong(overQuota.header("Retry-After"))).isBetween(1L, 86_400L);

        String other = newKey();
        int answered = 0;
        Response last = null;
        while (answered < 20) {
            last = given().header("Authorization", "Bearer " + other).get("/v1/tasks/tsk_x");
            if (last.statusCode() == 429) {
                break;
            }
            answered++;
        }
        assertThat(answered).isBetween(5, 6);
        problem(last, 429, "rate-limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void aBrowserMayCallFromAnyOriginWithoutCredentialsAndReadRetryAfter() {
        given().header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type").options("/v1/tasks")
                .then().statusCode(200).header("Access-Control-Allow-Origin", "https://app.example")
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("POST"));
        Response refused = given().header("Origin", "https://app.example").body("{\"input\":\"hi\"}")
                .post("/v1/tasks");
        problem(refused, 401, "unauthenticated");
        assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(refused.header("Access-Control-Expose-Headers")).contains("Retry-After");
        assertThat(refused.header("Access-Control-Allow-Credentials")).isNotEqualTo("true");
    }

    @Test
    void theOneOpenApiDocumentNamesTheUnreachableServicesAndStillDescribesTheGateway() {
        io.restassured.path.json.JsonPath document = given().get("/v1/openapi.json").then().statusCode(200)
                .extract().jsonPath();
        assertThat(document.getMap("paths")).containsKeys("/v1/accounts", "/v1/accounts/me");
        assertThat(document.getList("x-lode-unavailable")).contains("registry-service", "orchestrator-service",
                "reward-service", "verifier-service");
        assertThat(document.getString("components.securitySchemes.apiKey.scheme")).isEqualTo("bearer");
    }

    private static String newKey() {
        return given().post("/v1/accounts").then().statusCode(201).extract().path("apiKey");
    }

    private static void problem(Response response, int status, String type) {
        response.then().statusCode(status).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/" + type)).body("status", equalTo(status));
    }

    /** Small limits, nobody behind the gateway, and no wait for a ledger that is not there. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = "http://127.0.0.1:" + FreePorts.any();
            return Map.of("lode.gateway.rate-limit.requests-per-minute", "5", "lode.gateway.quota.tasks-per-day", "2",
                    "lode.gateway.max-body-bytes", "1024", "lode.gateway.ledger-wait", "0s",
                    "lode.gateway.backends.orchestrator", nowhere, "lode.gateway.backends.reward", nowhere,
                    "lode.gateway.backends.registry", nowhere, "lode.gateway.backends.verifier", nowhere);
        }
    }
}
