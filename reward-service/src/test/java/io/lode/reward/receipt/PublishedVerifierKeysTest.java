package io.lode.reward.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.lode.reward.escrow.RewardConfig;

/**
 * The ledger's view of the verifier's keys, read over HTTP from a real server: fetched on first use, fetched again
 * when a receipt names a key it has not seen (a rotation) but not more often than the refresh limit, and a
 * verifier out of reach fails the check instead of refusing the payment.
 */
class PublishedVerifierKeysTest {

    private static final String FIRST = "{\"keys\":[{\"publicKey\":\"k1\",\"validFrom\":\"2026-01-01T00:00:00Z\","
            + "\"validUntil\":null}]}";
    private static final String ROTATED = "{\"keys\":[{\"publicKey\":\"k1\",\"validFrom\":\"2026-01-01T00:00:00Z\","
            + "\"validUntil\":\"2026-12-01T00:00:00Z\"},{\"publicKey\":\"k2\",\"validFrom\":\"2026-11-30T00:00:00Z\"}]}";

    private final AtomicReference<String> served = new AtomicReference<>(FIRST);
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void aVerifier() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/verifier/keys", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.length == 0 ? 503 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aKeyTheRingDoesNotKnowIsLookedUpAgainAtMostOncePerRefreshInterval() {
        PublishedVerifierKeys keys = new PublishedVerifierKeys(config("http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1/verifier/keys"));
        assertThat(keys.ringFor("k1").knows("k1")).isTrue();
        assertThat(keys.ringFor("k1").knows("k1")).isTrue();
        assertThat(requests).hasValue(1);

        served.set(ROTATED);
        keys.ringFor("forged");
        keys.ringFor("forged");
        assertThat(requests).as("made-up keys do not make the ledger hammer the verifier").hasValueLessThan(3);

        await().atMost(Duration.ofSeconds(10)).until(() -> keys.ringFor("k2").knows("k2"));
        assertThat(keys.ringFor("k2").keys()).hasSize(2);
    }

    @Test
    void aVerifierOutOfReachFailsTheCheckRatherThanRefusingThePayment() {
        served.set("");
        PublishedVerifierKeys keys = new PublishedVerifierKeys(config("http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1/verifier/keys"));
        assertThatThrownBy(() -> keys.ringFor("k1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 503");
    }

    private static RewardConfig config(String url) {
        return (RewardConfig) java.lang.reflect.Proxy.newProxyInstance(RewardConfig.class.getClassLoader(),
                new Class<?>[] {RewardConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("verifierKeysUrl")) {
                        return url;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
