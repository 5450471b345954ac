package io.lode.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tasks submitted through the gateway at a steady rate, whatever happens to the network meanwhile: each accepted
 * (202) task's id is kept, the rest (refused while a service is down, or no connection at all) only counted.
 */
final class SteadyLoad implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final String gatewayUrl;
    private final String apiKey;

    SteadyLoad(String gatewayUrl, String apiKey, int perSecond) {
        this.gatewayUrl = gatewayUrl;
        this.apiKey = apiKey;
        scheduler.scheduleAtFixedRate(this::submit, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
    }

    private void submit() {
        int n = sent.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/tasks"))
                .timeout(Duration.ofSeconds(10)).header("content-type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"what is " + n + " + " + (n % 97)
                        + "?\",\"skill\":\"arithmetic\",\"maxPrice\":1000,\"deadlineMs\":30000}")).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((reply, error) -> {
            if (error == null && reply.statusCode() == 202) {
                try {
                    accepted.add(JSON.readTree(reply.body()).path("taskId").asText());
                } catch (java.io.IOException e) {
                    refused.incrementAndGet();
                }
            } else {
                refused.incrementAndGet();
            }
        });
    }

    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
}
