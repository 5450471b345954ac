package io.lode.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;

import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the network adds to one call of an agent: the demo arithmetic agent of a local network (started with the
 * launcher, {@code deploy/local/target/lode-local.jar}, as {@code ./lode-local} does: real broker and databases,
 * default ports, a fresh data folder) called directly over A2A, then through the gateway as a task — submit → answer
 * ({@code ?wait=result}: escrow, routing, dispatch, the call, the result event) and submit → verified
 * ({@code ?wait=verified}: plus the verifier's verdict and completion). Sequential, one task at a time, alternating
 * the three so each sees the same machine. Honeypots off, so every call is the bench's own.
 */
final class OverheadBench {

    private static final ObjectMapper JSON = BenchNetwork.JSON;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Result(int tasks, Histogram direct, Histogram answered, Histogram verified, Histogram toDispatch,
                  Histogram call, Histogram rest) {
    }

    private static final String GATEWAY = BenchNetwork.GATEWAY;
    private static final String AGENT = BenchNetwork.AGENT;

    Result run(int tasks, int warmup) throws Exception {
        try (BenchNetwork network = BenchNetwork.start(Map.of("LODE_VERIFIER_HONEYPOT_SHARE", "0"))) {
            String apiKey = network.newApiKey();
            Histogram direct = LatencyTable.histogram();
            Histogram answered = LatencyTable.histogram();
            Histogram verified = LatencyTable.histogram();
            Histogram toDispatch = LatencyTable.histogram();
            Histogram call = LatencyTable.histogram();
            Histogram rest = LatencyTable.histogram();
            Random random = new Random(42);
            for (int i = 0; i < warmup + tasks; i++) {
                String question = "what is " + (2 + random.nextInt(999)) + " * " + (2 + random.nextInt(999)) + "?";
                long a = System.nanoTime();
                directCall(AGENT, question, i);
                long b = System.nanoTime();
                JsonNode answer = task(GATEWAY, apiKey, question, "result");
                long c = System.nanoTime();
                task(GATEWAY, apiKey, question, "verified");
                long d = System.nanoTime();
                if (i >= warmup) {
                    direct.recordValue(b - a);
                    answered.recordValue(c - b);
                    verified.recordValue(d - c);
                    // the task's own timings: created (submission stored) → first call dispatched → answered
                    JsonNode first = answer.path("attempts").get(0);
                    long dispatchNanos = Duration.between(Instant.parse(answer.path("createdAt").asText()),
                            Instant.parse(first.path("startedAt").asText())).toNanos();
                    long callNanos = first.path("latencyMicros").asLong() * 1_000;
                    toDispatch.recordValue(Math.max(0, dispatchNanos));
                    call.recordValue(callNanos);
                    rest.recordValue(Math.max(0, (c - b) - dispatchNanos - callNanos));
                }
            }
            return new Result(tasks, direct, answered, verified, toDispatch, call, rest);
        }
    }

    static void directCall(String agent, String question, long id) throws Exception {
        String request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "SendMessage")
                .set("params", JSON.createObjectNode().set("message", JSON.createObjectNode()
                        .put("messageId", "m" + id).put("role", "ROLE_USER")
                        .set("parts", JSON.createArrayNode().add(JSON.createObjectNode().put("text", question)))))
                .toString();
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(agent))
                .header("content-type", "application/json").header("A2A-Version", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        if (!JSON.readTree(reply.body()).has("result")) {
            throw new IllegalStateException("the agent did not answer: " + reply.body());
        }
    }

    private static JsonNode task(String gateway, String apiKey, String question, String wait) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/tasks?wait=" + wait))
                .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                .header("Authorization", "Bearer " + apiKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"" + question + "\",\"skill\":\"arithmetic\","
                        + "\"maxPrice\":1000}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode task = JSON.readTree(reply.body());
        String status = task.path("status").asText();
        boolean done = wait.equals("result") ? !status.isEmpty() && task.at("/result/output").isTextual()
                : status.equals("COMPLETED");
        if (reply.statusCode() != 200 || !done) {
            throw new IllegalStateException("task not " + wait + ": " + reply.body());
        }
        return task;
    }

    static String markdown(Result r) {
        StringBuilder out = new StringBuilder();
        out.append("The demo arithmetic agent called directly and through the network, ")
                .append(String.format("%,d", r.tasks())).append(" tasks each, one at a time\n\n");
        out.append(LatencyTable.HEADER);
        LatencyTable.row(out, "direct A2A call", r.direct());
        LatencyTable.row(out, "through Lode: submit → answer (?wait=result)", r.answered());
        LatencyTable.row(out, "through Lode: submit → verified (?wait=verified)", r.verified());
        LatencyTable.row(out, "… of the answer: submission stored → call dispatched (escrow hop, routing)",
                r.toDispatch());
        LatencyTable.row(out, "… of the answer: the A2A call, as the orchestrator timed it", r.call());
        LatencyTable.row(out, "… of the answer: the rest (HTTP in through the gateway, result event, answer out)",
                r.rest());
        out.append(String.format("%nOverhead over the direct call, p50: %.1f ms to the answer, %.1f ms to the verdict; "
                        + "p99: %.1f ms, %.1f ms%n", overhead(r.answered(), r.direct(), 50), overhead(r.verified(),
                        r.direct(), 50), overhead(r.answered(), r.direct(), 99), overhead(r.verified(), r.direct(), 99)));
        return out.toString();
    }

    private static double overhead(Histogram lode, Histogram direct, double percentile) {
        return (lode.getValueAtPercentile(percentile) - direct.getValueAtPercentile(percentile)) / 1_000_000.0;
    }
}
