package io.lode.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Guessing API keys: after a few unknown keys from one address a minute, requests with a key from it are 429 with
 * Retry-After before any lookup; known keys do not count against the limit.
 */
@QuarkusTest
@TestProfile(UnknownKeysIT.FiveUnknownKeys.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class UnknownKeysIT {

    @Test
    void unknownKeysFromOneAddressAreLimitedAndKnownKeysDoNotCount() {
        String key = given().post("/v1/accounts").then().statusCode(201).extract().path("apiKey");
        for (int i = 0; i < 20; i++) { // a known key, well past the unknown-key limit: never limited by it
            // admitted (nobody is behind the gateway here, so the proxied call then finds no backend)
            given().header("Authorization", "Bearer " + key).get("/v1/tasks/tsk_x").then().statusCode(503);
        }

        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer lode_guess" + i).get("/v1/accounts/me").then().statusCode(401);
        }
        String retryAfter = given().header("Authorization", "Bearer lode_guess5").get("/v1/accounts/me").then()
                .statusCode(429).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/unknown-keys-rate-limited")).extract().header("Retry-After");

        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
    }

    /**
     * Behind a trusted proxy (here: the test itself, on 127.0.0.1) each client is counted by the address the proxy
     * saw, the rightmost of X-Forwarded-For; what a client writes there itself is not believed.
     */
    @Test
    void behindATrustedProxyEachClientIsCountedByTheAddressTheProxySaw() {
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer lode_guess" + i).header("X-Forwarded-For", "203.0.113.7")
                    .get("/v1/accounts/me").then().statusCode(401);
        }
        // prepending another address does not make the same client someone else
        given().header("Authorization", "Bearer lode_guess5").header("X-Forwarded-For", "198.51.100.1, 203.0.113.7")
                .get("/v1/accounts/me").then().statusCode(429).body("type", endsWith("/unknown-keys-rate-limited"));
        given().header("Authorization", "Bearer lode_guess6").header("X-Forwarded-For", "203.0.113.7")
                .get("/v1/tasks/tsk_x").then().statusCode(429).body("type", endsWith("/unknown-keys-rate-limited"));
        // another client behind the same proxy has its own allowance
        given().header("Authorization", "Bearer lode_guess7").header("X-Forwarded-For", "203.0.113.8")
                .get("/v1/accounts/me").then().statusCode(401);
    }

    /** Five unknown keys a minute per address; nobody behind the gateway; the test is a trusted proxy. */
    public static class FiveUnknownKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String nowhere = "http://127.0.0.1:" + io.lode.testsupport.infra.FreePorts.any();
            return Map.of("lode.gateway.rate-limit.unknown-keys-per-minute", "5", "lode.gateway.ledger-wait", "0s",
                    "lode.gateway.trusted-proxies", "127.0.0.1",
                    "lode.gateway.backends.orchestrator", nowhere, "lode.gateway.backends.reward", nowhere,
                    "lode.gateway.backends.registry", nowhere, "lode.gateway.backends.verifier", nowhere);
        }
    }
}
