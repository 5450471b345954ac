package io.lode.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.lode.gateway.NobodyBehind;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** The gateway's HTTP metrics name the route a request took, not its path: ids never become label values. */
@QuarkusTest
@TestProfile(NobodyBehind.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class RouteMetricsIT {

    @Inject
    MeterRegistry registry;

    @Test
    void requestsForManyIdsAreOneSeriesPerRouteTemplate() {
        String key = given().post("/v1/accounts").then().statusCode(201).extract().path("apiKey");
        for (int i = 0; i < 12; i++) {
            given().header("Authorization", "Bearer " + key).get("/v1/tasks/tsk_" + i).then().statusCode(503);
            // answered however the route answers without a backend or credentials: each is still a request timed
            given().header("Authorization", "Bearer " + key).post("/v1/tasks/tsk_" + i + "/dispute").then()
                    .statusCode(greaterThanOrEqualTo(400));
            given().get("/v1/agents/agt_" + i).then().statusCode(greaterThanOrEqualTo(400));
            given().get("/v1/epochs/" + i + "/proofs/acc_" + i).then().statusCode(greaterThanOrEqualTo(400));
        }

        Set<String> uris = registry.find("http.server.requests").meters().stream()
                .map(m -> m.getId().getTag("uri")).collect(Collectors.toSet());
        assertThat(uris).contains("/v1/tasks/{taskId}", "/v1/tasks/{taskId}/dispute", "/v1/agents/{agentId}",
                "/v1/epochs/{epoch}/proofs/{accountId}");
        assertThat(uris).noneMatch(uri -> uri.contains("tsk_") || uri.contains("agt_") || uri.contains("acc_"));
    }
}
