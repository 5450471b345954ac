package io.lode.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With tracing off (the default) the caller's trace context passes the gateway unchanged. */
@QuarkusTest
@TestProfile(GatewayTracingOffIT.TracingOff.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(GatewayTracingIT.RecordingRegistry.class)
class GatewayTracingOffIT {

    @Test
    void theCallersTraceContextReachesTheServiceAsItWasSent() {
        GatewayTracingIT.RECEIVED.clear();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        given().header("traceparent", traceparent).header("tracestate", "vendor=1").get("/v1/agents/agt_x")
                .then().statusCode(200);

        assertThat(GatewayTracingIT.RECEIVED).singleElement().satisfies(headers -> {
            assertThat(headers.get("traceparent")).isEqualTo(traceparent);
            assertThat(headers.get("tracestate")).isEqualTo("vendor=1");
        });
    }

    /** The shipped default; only the ledger wait is shortened (no reward service here). */
    public static class TracingOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lode.gateway.ledger-wait", "0s");
        }
    }
}
