package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.events.Topics;

/**
 * Bad input at volume, through the gateway of a whole local network: thousands of seeded malformed requests to
 * every public endpoint (wrong types, huge strings, deep nesting, invalid UTF-8, wrong content types, junk in paths,
 * queries and headers) get answers below 500, every refusal as problem+json, and nothing is stored; junk records on
 * every consumed topic go to each consumer's dead-letter topic and the network keeps serving tasks.
 */
class MalformedInputIT {

    /** The figures a run measured, for the session note (JDK logging: these tests run outside Quarkus). */
    private static final System.Logger FIGURES = System.getLogger(MalformedInputIT.class.getName());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int REQUESTS = 3_000;
    /** Which service consumes which topic (their @Incoming channels). */
    private static final Map<String, List<String>> CONSUMERS = Map.of(
            Topics.Names.ACCOUNTS, List.of("reward-service"),
            Topics.Names.AGENTS, List.of("registry-service", "orchestrator-service", "verifier-service"),
            Topics.Names.EXAMS, List.of("registry-service", "orchestrator-service"),
            Topics.Names.TASKS, List.of("verifier-service", "reward-service"),
            Topics.Names.VERDICTS, List.of("orchestrator-service", "reward-service"),
            Topics.Names.LEDGER, List.of("registry-service", "orchestrator-service"));

    @TempDir
    static Path dataDir;

    private static LocalNetwork network;
    private static GatewayClient gateway;

    @BeforeAll
    static void startNetwork() {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        // limits high enough that the services' own validation answers, not the rate limiters
        network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "60s", Map.of(
                "LODE_GATEWAY_RATE_LIMIT_REQUESTS_PER_MINUTE", "1000000",
                "LODE_GATEWAY_RATE_LIMIT_UNKNOWN_KEYS_PER_MINUTE", "1000000",
                "LODE_REGISTRY_RATE_LIMIT_PER_ADDRESS_PER_MINUTE", "1000000",
                "LODE_REGISTRY_RATE_LIMIT_PER_KEY_PER_MINUTE", "1000000")), System.out);
        gateway = new GatewayClient(network.gatewayUrl());
    }

    @AfterAll
    static void stopNetwork() {
        if (network != null) {
            network.close();
        }
    }

    /** One generated request; {@code refused}: it is malformed, so it must be answered 4xx. */
    private record Probe(String method, String path, String contentType, byte[] body, boolean keyed,
                         boolean refused) {
        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
            return method + " " + (path.length() > 100 ? path.substring(0, 100) + "…" : path) + " [" + contentType
                    + "] " + shown.replace('\n', ' ');
        }
    }

    @Test
    void thousandsOfMalformedRequestsGetOnlyProblemJson4xxAndStoreNothing() throws Exception {
        String apiKey = gateway.newApiKey();
        String accountId = gateway.json("GET", "/v1/accounts/me", apiKey, null, 200).path("accountId").asText();
        long accountsBefore = count("gateway", "SELECT count(*) FROM api_account");
        long agentsBefore = count("registry", "SELECT count(*) FROM agent");
        Random random = new Random(20261129);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Probe probe = probe(random);
            HttpResponse<String> response = send(probe, apiKey);
            String problem = check(probe, response);
            if (problem != null) {
                failures.add(problem + " ← " + probe);
            }
            refused += response.statusCode() >= 400 ? 1 : 0;
        }

        assertThat(failures).as("%d of %d requests answered wrongly; the first: %s", failures.size(), REQUESTS,
                failures.stream().limit(15).toList()).isEmpty();
        assertThat(refused).isGreaterThan(REQUESTS * 9 / 10);
        // nothing stored: no task for the account, no agent, and only the one account this test opened
        assertThat(count("orchestrator", "SELECT count(*) FROM task WHERE account_id = '" + accountId + "'")).isZero();
        assertThat(count("registry", "SELECT count(*) FROM agent")).isEqualTo(agentsBefore);
        assertThat(count("gateway", "SELECT count(*) FROM api_account")).isEqualTo(accountsBefore);
    }

    @Test
    void junkOnEveryConsumedTopicIsParkedByEveryConsumerAndTheNetworkKeepsServing() throws Exception {
        TopicProbe topics = TopicProbe.of(network);
        byte[][] junk = {"not avro at all".getBytes(StandardCharsets.UTF_8), new byte[0],
                {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}; // the marker, then an unknown fingerprint
        for (String topic : CONSUMERS.keySet()) {
            for (int j = 0; j < junk.length; j++) {
                topics.publish(topic, "junk-" + topic + "-" + j, junk[j]);
            }
        }
        CONSUMERS.forEach((topic, services) -> services.forEach(service -> topics.records(
                Topics.deadLetters(service).name(), r -> r.key() != null && r.key().startsWith("junk-" + topic + "-"),
                parked -> parked.size() >= junk.length && parked.stream().allMatch(r ->
                        r.headers().lastHeader("dead-letter-reason") != null))));

        String apiKey = gateway.newApiKey();
        JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"what is 6 * 7?\"}", 200);
        assertThat(task.at("/result/output").asText()).isEqualTo("42");
        assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
    }

    /** JSON two parsers would read differently — data after the document, a key twice — is 400 on every JSON endpoint. */
    @Test
    void ambiguousJsonIsRefusedOnEveryJsonEndpoint() throws Exception {
        String apiKey = gateway.newApiKey();
        String accountId = gateway.json("GET", "/v1/accounts/me", apiKey, null, 200).path("accountId").asText();
        for (String[] request : new String[][] {
            {"/v1/tasks", "{\"input\":\"what is 1 + 1?\"} {}"},
            {"/v1/tasks", "{\"input\":\"what is 1 + 1?\"}garbage"},
            {"/v1/tasks", "{\"input\":\"what is 1 + 1?\",\"input\":\"what is 9 * 9?\"}"},
            {"/v1/tasks", "{\"input\":\"what is 1 + 1?\",\"maxPrice\":10,\"maxPrice\":999999}"},
            {"/v1/agents", "{\"agentId\":\"a\",\"agentId\":\"b\"}"},
            {"/v1/agents", "{} []"},
            {"/v1/accounts", "{\"action\":\"OPEN_ACCOUNT\",\"action\":\"OPEN_ACCOUNT\"}"},
            {"/v1/accounts", "{\"action\":\"OPEN_ACCOUNT\"} x"},
        }) {
            HttpResponse<String> response = gateway.send("POST", request[0], request[0].equals("/v1/tasks") ? apiKey : null,
                    request[1]);
            assertThat(response.statusCode()).as("%s %s: %s", request[0], request[1], response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(count("orchestrator", "SELECT count(*) FROM task WHERE account_id = '" + accountId + "'")).isZero();
    }

    /**
     * Bytes that are not UTF-8 as RFC 3629 defines it — overlong forms of "/" and of a quote (which a lenient decoder
     * reads as those characters), an encoded surrogate, a code point past U+10FFFF, a stray continuation or 0xFF —
     * are 400 problem+json on every JSON endpoint, and nothing is stored.
     */
    @Test
    void malformedUtf8IsRefusedOnEveryJsonEndpoint() throws Exception {
        String apiKey = gateway.newApiKey();
        String accountId = gateway.json("GET", "/v1/accounts/me", apiKey, null, 200).path("accountId").asText();
        byte[][] malformed = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xA2},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}};
        for (String path : new String[] {"/v1/tasks", "/v1/agents", "/v1/accounts", "/v1/verifier/exam-preview"}) {
            for (byte[] bad : malformed) {
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                body.writeBytes("{\"input\":\"what is 1 ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.writeBytes(bad);
                body.writeBytes(" 1?\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                HttpResponse<String> response = gateway.sendBytes("POST", path,
                        path.equals("/v1/tasks") ? apiKey : null, body.toByteArray());
                assertThat(response.statusCode()).as("%s %s: %s", path, java.util.HexFormat.of().formatHex(bad),
                        response.body()).isEqualTo(400);
                assertThat(response.headers().firstValue("content-type").orElse(""))
                        .startsWith("application/problem+json");
                assertThat(response.body()).contains("/problems/invalid-utf8");
            }
        }
        assertThat(count("orchestrator", "SELECT count(*) FROM task WHERE account_id = '" + accountId + "'")).isZero();
    }

    /**
     * Poison isolation: events that decode but fail in the handler (a NUL in an id, which PostgreSQL refuses), junk
     * on every consumed topic, and the three requests that once stalled the network, sent while a steady probe of
     * ordinary tasks runs: the probe's p99 rises by less than 200 ms. A record failing on its own is dead-lettered at
     * once; twenty retries of 250 ms used to hold its whole partition for over 5 s.
     */
    @Test
    void poisonOnEveryConsumedTopicDoesNotSlowTheOtherTenants() throws Exception {
        String probeKey = gateway.newApiKey();
        String attackerKey = gateway.newApiKey();
        probe(probeKey, 10); // warm-up
        List<Long> before = probe(probeKey, 100);

        TopicProbe topics = TopicProbe.of(network);
        java.util.concurrent.atomic.AtomicBoolean poisoning = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> attackFailed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread attacker = new Thread(() -> {
            int round = 0;
            while (poisoning.get()) {
                try {
                    for (int key = 0; key < 6; key++) { // several keys: every partition gets some
                        String id = "poison-" + round + "-" + key + "\u0000";
                        for (var event : poisonEvents(id)) {
                            topics.publish(Topics.of(event.getClass()).name(), "poison-" + round + "-" + key,
                                    io.lode.events.codec.EventCodec.shared().encode(event));
                            sent.incrementAndGet();
                        }
                        for (String topic : CONSUMERS.keySet()) {
                            topics.publish(topic, "junk-" + round + "-" + key, "not avro".getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    // the three requests that stalled the network: all refused at the edge now
                    gateway.json("POST", "/v1/tasks", attackerKey, "{\"input\":\"\u200b\"}", 400);
                    gateway.json("POST", "/v1/tasks", attackerKey,
                            "{\"input\":\"what is 1 + 1?\",\"maxPrice\":4611686018427387904,\"redundancy\":2}", 400);
                    round++;
                    // a round a second: one poison a few seconds apart used to keep the whole network stalled
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
                } catch (Exception | AssertionError e) {
                    attackFailed.set(e);
                    return;
                }
            }
        }, "poisoner");
        attacker.start();
        List<Long> during;
        try {
            during = probe(probeKey, 100);
        } finally {
            poisoning.set(false);
            attacker.join();
        }

        long p99Before = p99(before);
        long p99During = p99(during);
        FIGURES.log(System.Logger.Level.INFO, String.format("poison isolation: probe p50/p99 %d/%d ms before, %d/%d ms "
                + "with %d poison events", p50(before), p99Before, p50(during), p99During, sent.get()));
        assertThat(attackFailed.get()).as("the poisoner").isNull();
        assertThat(sent.get()).isGreaterThan(0);
        assertThat(p99During).as("p99 with poison (before: %d ms)", p99Before).isLessThan(p99Before + 200);
    }

    /** Events that decode, then fail in every consumer that looks them up: each names an id PostgreSQL refuses. */
    private static List<org.apache.avro.specific.SpecificRecord> poisonEvents(String id) {
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return List.of(
                io.lode.events.accounts.AccountOpened.newBuilder()
                        .setEnvelope(io.lode.events.Envelopes.next("poison", id, null)).setAccountId(id)
                        .setStartingCredits(1).build(),
                io.lode.events.agents.ReputationChanged.newBuilder()
                        .setEnvelope(io.lode.events.Envelopes.next("poison", id, null)).setAgentId(id).setScore(0.5)
                        .setVerdicts(1).build(),
                io.lode.events.tasks.TaskSubmitted.newBuilder()
                        .setEnvelope(io.lode.events.Envelopes.next("poison", id, null)).setTaskId(id)
                        .setKind(io.lode.events.tasks.TaskKind.CONSUMER).setAccountId(id).setInput("what is 1 + 1?")
                        .setMaxPrice(1_000).setRedundancy(1).setDeadlineAt(now.plusSeconds(30)).build(),
                io.lode.events.verdicts.ResultVerdict.newBuilder()
                        .setEnvelope(io.lode.events.Envelopes.next("poison", id, null)).setTaskId(id)
                        .setKind(io.lode.events.tasks.TaskKind.CONSUMER).setAgentId(id).setPrice(1)
                        .setVerdict(io.lode.events.verdicts.Verdict.PASS).setScore(1).setMethod("poison").build());
    }

    /** Latencies (ms) of {@code count} ordinary tasks, one after the other, each to its verdict. */
    private static List<Long> probe(String apiKey, int count) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey,
                    "{\"input\":\"what is " + (i + 2) + " * 3?\"}", 200);
            latencies.add((System.nanoTime() - start) / 1_000_000);
            assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
        }
        return latencies;
    }

    private static long p99(List<Long> latencies) {
        return percentile(latencies, 0.99);
    }

    private static long p50(List<Long> latencies) {
        return percentile(latencies, 0.50);
    }

    /** Nearest-rank percentile. */
    private static long percentile(List<Long> latencies, double p) {
        List<Long> sorted = latencies.stream().sorted().toList();
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    /** Null if the answer is right for the probe, else what is wrong with it. */
    private static String check(Probe probe, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "HTTP " + status + " " + abbreviated(response.body());
        }
        if (probe.refused() && status < 400) {
            return "accepted (HTTP " + status + ") " + abbreviated(response.body());
        }
        if (status >= 400) {
            String type = response.headers().firstValue("content-type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return "HTTP " + status + " as " + type + ": " + abbreviated(response.body());
            }
            try {
                JsonNode body = JSON.readTree(response.body());
                if (body.path("status").asInt() != status || !body.path("title").isTextual()) {
                    return "problem without status/title: " + abbreviated(response.body());
                }
            } catch (java.io.IOException e) {
                return "problem+json that is not JSON: " + abbreviated(response.body());
            }
        }
        return null;
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static HttpResponse<String> send(Probe probe, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(network.gatewayUrl() + probe.path()))
                .timeout(Duration.ofSeconds(20))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()));
        if (probe.contentType() != null) {
            request.header("content-type", probe.contentType());
        }
        if (probe.keyed()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------------------------------- generation

    private static final String[] CONTENT_TYPES = {"application/json", "text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null, "application/json; charset=latin1"};

    private static Probe probe(Random random) {
        String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        switch (random.nextInt(12)) {
            case 0, 1, 2:
                return new Probe("POST", "/v1/tasks" + (random.nextBoolean() ? "" : "?wait=" + pathJunk(random)),
                        contentType, badTask(random), true, true);
            case 3:
                return new Probe("POST", "/v1/agents", contentType, badSignedBody(random), false, true);
            case 4:
                return new Probe(random.nextBoolean() ? "PUT" : "DELETE", "/v1/agents/" + pathJunk(random),
                        contentType, badSignedBody(random), false, true);
            case 5:
                return new Probe("POST", "/v1/agents/" + pathJunk(random) + "/renewal", contentType,
                        badSignedBody(random), false, true);
            case 6:
                return new Probe("POST", "/v1/accounts", contentType == null ? "application/json" : contentType,
                        nonEmpty(badJson(random), random), false, true);
            case 7:
                return new Probe("GET", "/v1/agents?" + badQuery(random, "q", "skill", "status", "maxPrice", "cursor",
                        "limit"), null, null, false, false);
            case 8:
                return new Probe(random.nextBoolean() ? "GET" : "POST", "/v1/tasks/" + pathJunk(random)
                        + (random.nextBoolean() ? "/cancel" : ""), contentType, null, true, true);
            case 9:
                return new Probe("GET", "/v1/ledger/" + (random.nextBoolean() ? "accounts/" + pathJunk(random)
                        + "/entries?" + badQuery(random, "limit") : "balances?" + badQuery(random, "limit", "cursor")),
                        null, null, false, false);
            case 10:
                return new Probe("GET", "/v1/epochs/" + pathJunk(random) + (random.nextBoolean() ? "/proofs/"
                        + pathJunk(random) : ""), null, null, false, true);
            default:
                return new Probe("GET", "/v1/tasks/" + pathJunk(random) + "/events", null, null, true, true);
        }
    }

    /** A task body that is not a valid task: every variant breaks at least one rule. */
    private static byte[] badTask(Random random) {
        String[] variants = {
            "{\"input\":" + junkValue(random) + "}",
            "{\"input\":\"what is 2 + 2?\",\"maxPrice\":" + pick(random, "-1", "0", "1e30", "\"cheap\"", "[]", "9223372036854775808") + "}",
            "{\"input\":\"what is 2 + 2?\",\"redundancy\":" + pick(random, "0", "6", "-3", "\"two\"", "2.5", "[2]") + "}",
            "{\"input\":\"what is 2 + 2?\",\"deadlineMs\":" + pick(random, "-5", "0", "\"soon\"", "1e99", "{}") + "}",
            "{\"input\":\"what is 2 + 2?\",\"skill\":" + pick(random, "123", "[\"a\"]", "{}", "\"" + "s".repeat(5_000) + "\"") + "}",
            "{\"input\":\"" + "x".repeat(70_000 + random.nextInt(200_000)) + "\"}",
            "{\"input\":\"   \"}",
            "{}",
        };
        byte[] body = random.nextInt(5) == 0 ? badJson(random)
                : variants[random.nextInt(variants.length)].getBytes(StandardCharsets.UTF_8);
        return nonEmpty(body, random);
    }

    /** Not JSON, or JSON that is no object: truncated, deep, invalid UTF-8, huge. */
    private static byte[] badJson(Random random) {
        switch (random.nextInt(7)) {
            case 0:
                return "{\"input\": \"unterminated".getBytes(StandardCharsets.UTF_8);
            case 1:
                return ("[".repeat(5_000 + random.nextInt(20_000)) + "]".repeat(10)).getBytes(StandardCharsets.UTF_8);
            case 2: {
                byte[] bytes = "{\"input\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
                bytes[bytes.length - 3] = (byte) 0xFF; // invalid UTF-8 in the string
                return bytes;
            }
            case 3:
                return ("{\"a\":" + "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_001)).getBytes(StandardCharsets.UTF_8);
            case 4:
                return pick(random, "null", "42", "\"text\"", "[1,2,3]", "true").getBytes(StandardCharsets.UTF_8);
            case 5:
                return ("{\"input\":\"" + "\\u0000".repeat(1_000) + "\"").getBytes(StandardCharsets.UTF_8);
            default: {
                byte[] bytes = new byte[1 + random.nextInt(400)];
                random.nextBytes(bytes);
                return bytes;
            }
        }
    }

    /** A registration-like body that cannot carry a valid signature. */
    private static byte[] badSignedBody(Random random) {
        if (random.nextBoolean()) {
            return badJson(random);
        }
        return ("{\"action\":" + pick(random, "\"register\"", "\"renew\"", "7", "null") + ",\"cardUrl\":"
                + pick(random, "\"http://169.254.169.254/latest\"", "\"file:///etc/passwd\"", "\"not a url\"", "42",
                        "\"http://127.0.0.1:1/" + "a".repeat(10_000) + "\"")
                + ",\"price\":" + pick(random, "-1", "\"free\"", "1e40", "1000")
                + ",\"publicKey\":" + pick(random, "\"AAAA\"", "\"" + "A".repeat(43) + "\"", "[]", "null")
                + ",\"nonce\":" + pick(random, "\"n\"", "1", "\"" + "n".repeat(5_000) + "\"")
                + ",\"expiresAt\":" + pick(random, "\"yesterday\"", "\"2020-01-01T00:00:00Z\"", "-1")
                + ",\"signature\":" + pick(random, "\"sig\"", "\"" + "A".repeat(86) + "\"", "{}") + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String badQuery(Random random, String... names) {
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            if (random.nextBoolean()) {
                query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(URLEncoder.encode(
                        junkWord(random), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    private static String pathJunk(Random random) {
        return URLEncoder.encode(junkWord(random), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String junkWord(Random random) {
        return pick(random, "-1", "0", "99999999999999999999", "abc", "tsk_" + Long.toHexString(random.nextLong()),
                "acc_x", "../../etc/passwd", "%00", "\u0000", "null", "'; DROP TABLE task; --", "\uD83D\uDE00",
                "x".repeat(3_000), "1.5", "NaN", "<script>", " ", "ACTIVE", "true");
    }

    private static String junkValue(Random random) {
        return pick(random, "123", "true", "null", "[\"a\",\"b\"]", "{\"text\":\"hi\"}", "\"\"", "1e309");
    }

    private static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    private static byte[] nonEmpty(byte[] body, Random random) {
        return body.length == 0 ? new byte[] {(byte) random.nextInt(256)} : body;
    }

    private static long count(String database, String sql) throws Exception {
        var infrastructure = network.infrastructure();
        try (Connection connection = DriverManager.getConnection(infrastructure.database(database),
                infrastructure.databaseUser(), infrastructure.databasePassword());
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
