package io.lode.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With tracing on, a request through the gateway continues the caller's trace: the service behind it receives the
 * same trace id with the gateway's own span as parent, and the request id.
 */
@QuarkusTest
@TestProfile(GatewayTracingIT.TracingOn.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
@QuarkusTestResource(GatewayTracingIT.RecordingRegistry.class)
class GatewayTracingIT {

    static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void theServiceBehindTheGatewayContinuesTheCallersTrace() {
        RECEIVED.clear();
        given().header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").get("/v1/agents/agt_x")
                .then().statusCode(200);

        assertThat(RECEIVED).hasSize(1);
        String[] traceparent = RECEIVED.get(0).get("traceparent").split("-");
        assertThat(traceparent[1]).isEqualTo(TRACE_ID);
        assertThat(traceparent[2]).hasSize(16).isNotEqualTo(CALLER_SPAN); // the gateway's span
        assertThat(RECEIVED.get(0).get("x-request-id")).isNotBlank();
    }

    /** Tracing on, spans sent nowhere that listens (export failures do not touch requests). */
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:" + io.lode.testsupport.infra.FreePorts.any(),
                    "lode.gateway.ledger-wait", "0s");
        }
    }

    /** A registry that records the headers of what it is sent. */
    public static class RecordingRegistry implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", exchange -> {
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                        values.get(0)));
                RECEIVED.add(headers);
                byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("content-type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return Map.of("lode.gateway.backends.registry", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }
}
