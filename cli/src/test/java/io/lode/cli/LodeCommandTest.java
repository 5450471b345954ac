package io.lode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lode.identity.AgentId;
import io.lode.identity.KeyFile;
import picocli.CommandLine;

class LodeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return run(new Settings(java.util.Map.of(), dir.resolve("no-config.properties")), args);
    }

    private int run(Settings settings, String... args) {
        CommandLine command = LodeCommand.commandLine(settings);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void keygenWritesAKeyFileAndPrintsItsAgentIdPublicKeyAndTheCardExtensionNamingIt() throws Exception {
        Path key = dir.resolve("agent.key");

        assertThat(run("keygen", "--out", key.toString())).isZero();

        java.security.PublicKey publicKey = KeyFile.read(key).getPublic();
        String printed = out.toString();
        assertThat(printed.lines().findFirst().orElseThrow()).isEqualTo(AgentId.of(publicKey));
        assertThat(printed).contains("public key: " + io.lode.identity.AgentKeys.encodePublic(publicKey));
        com.fasterxml.jackson.databind.JsonNode extension = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(printed.substring(printed.indexOf('{')));
        assertThat(extension.path("uri").asText()).isEqualTo("urn:lode:identity:v1");
        assertThat(extension.at("/params/publicKey").asText()).isEqualTo(io.lode.identity.AgentKeys.encodePublic(publicKey));
    }

    @Test
    void keygenPrintsJsonForMachines() throws Exception {
        Path key = dir.resolve("agent.key");

        assertThat(run("keygen", "--json", "--out", key.toString())).isZero();

        com.fasterxml.jackson.databind.JsonNode printed = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString());
        assertThat(printed.path("agentId").asText()).isEqualTo(AgentId.of(KeyFile.read(key).getPublic()));
        assertThat(printed.path("keyFile").asText()).isEqualTo(key.toAbsolutePath().toString());
        assertThat(printed.at("/cardExtension/params/publicKey").asText()).isEqualTo(printed.path("publicKey").asText())
                .isEqualTo(io.lode.identity.AgentKeys.encodePublic(KeyFile.read(key).getPublic()));
    }

    @Test
    void theGatewayComesFromTheFlagThenTheEnvironmentThenTheConfigFile() throws Exception {
        java.util.List<String> hits = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<com.sun.net.httpserver.HttpServer> gateways = new java.util.ArrayList<>();
        for (String name : java.util.List.of("flag", "environment", "file")) {
            com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                    new java.net.InetSocketAddress("127.0.0.1", 0), 4);
            gateway.createContext("/", exchange -> {
                hits.add(name);
                byte[] body = "{\"epoch\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            gateway.start();
            gateways.add(gateway);
        }
        try {
            Path config = dir.resolve("config.properties");
            java.nio.file.Files.writeString(config, "gateway=" + url(gateways.get(2)) + "\n");
            Settings fileOnly = new Settings(java.util.Map.of(), config);
            Settings both = new Settings(java.util.Map.of("LODE_GATEWAY", url(gateways.get(1))), config);

            assertThat(run(fileOnly, "epoch", "show")).isZero();
            assertThat(run(both, "epoch", "show")).isZero();
            assertThat(run(both, "epoch", "show", "--gateway", url(gateways.get(0)))).isZero();

            assertThat(hits).containsExactly("file", "environment", "flag");
        } finally {
            gateways.forEach(g -> g.stop(0));
        }
    }

    @Test
    void aFailureIsOneLineOnStderrAndExitCodeOne() {
        assertThat(run("epoch", "show", "--gateway", "http://127.0.0.1:1")).isEqualTo(1);

        assertThat(err.toString()).startsWith("lode epoch show: ").doesNotContain("\tat ");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }

    private static String url(com.sun.net.httpserver.HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void keygenRefusesToOverwriteWithoutForce() {
        Path key = dir.resolve("agent.key");
        run("keygen", "--out", key.toString());

        assertThat(run("keygen", "--out", key.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--force");
    }

    @Test
    void epochVerifyChecksAProofOfflineAgainstTheRoot() throws Exception {
        io.lode.events.merkle.BalanceTree tree = new io.lode.events.merkle.BalanceTree(
                java.util.Map.of("agt_a", 950L, "acc_b", 99_999_000L, "treasury", 50L));
        Path proof = dir.resolve("proof.json");
        java.nio.file.Files.writeString(proof, new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(tree.proof(3, "agt_a")));

        assertThat(run("epoch", "verify", "--proof", proof.toString(), "--root", tree.rootHex())).isZero();
        assertThat(out.toString()).startsWith("VALID: agt_a held 950 at the close of epoch 3");

        java.nio.file.Files.writeString(proof, java.nio.file.Files.readString(proof).replace("950", "951"));
        assertThat(run("epoch", "verify", "--proof", proof.toString(), "--root", tree.rootHex())).isEqualTo(1);
        assertThat(err.toString()).startsWith("INVALID");
        assertThat(run("epoch", "verify", "--proof", proof.toString())).isEqualTo(2);
    }

    @Test
    void agentCallsAreSignedForTheirActionAndSentToTheAgentsPath() throws Exception {
        Path key = dir.resolve("agent.key");
        assertThat(run("keygen", "--out", key.toString())).isZero();
        String agentId = AgentId.of(KeyFile.read(key).getPublic());
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/", exchange -> {
            com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(exchange.getRequestBody());
            io.lode.identity.SignedRequests.verify(body);
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body.get("action").asText());
            boolean delete = exchange.getRequestMethod().equals("DELETE");
            exchange.sendResponseHeaders(delete ? 204 : 200, delete ? -1 : 2);
            if (!delete) {
                exchange.getResponseBody().write("{}".getBytes());
            }
            exchange.close();
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("agent", "renew", "--key", key.toString(), "--gateway", url)).isZero();
            assertThat(run("agent", "update", "--key", key.toString(), "--gateway", url, "--card-url",
                    "https://agent.example/card.json", "--price", "7")).isZero();
            assertThat(run("agent", "deregister", "--key", key.toString(), "--gateway", url)).isZero();
        } finally {
            gateway.stop(0);
        }
        assertThat(calls).containsExactly("POST /v1/agents/" + agentId + "/renewal renew",
                "PUT /v1/agents/" + agentId + " update", "DELETE /v1/agents/" + agentId + " deregister");
        assertThat(out.toString()).contains(agentId + " deregistered");
    }

    @Test
    void agentRegisterWaitFollowsTheExamUntilItDecides() throws Exception {
        Path key = dir.resolve("agent.key");
        assertThat(run("keygen", "--out", key.toString())).isZero();
        String agentId = AgentId.of(KeyFile.read(key).getPublic());
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/agents", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("POST")) {
                send(exchange, 202, "{\"agentId\":\"" + agentId + "\",\"status\":\"PENDING\"}");
            } else {
                // the exam decides on the third look
                String status = reads.incrementAndGet() < 3 ? "PENDING" : "REJECTED";
                send(exchange, 200, "{\"agentId\":\"" + agentId + "\",\"status\":\"" + status + "\",\"reasons\":"
                        + (status.equals("REJECTED") ? "[\"arithmetic exam: 0 of 2 right\"]" : "[]") + "}");
            }
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("agent", "register", "--gateway", url, "--key", key.toString(), "--card-url",
                    "https://agent.example/card.json", "--wait")).isEqualTo(1);
        } finally {
            gateway.stop(0);
        }
        assertThat(reads.get()).isEqualTo(3);
        assertThat(err.toString()).contains("agent " + agentId + ": PENDING").contains("agent " + agentId
                + ": REJECTED").contains("not admitted: arithmetic exam: 0 of 2 right");
        assertThat(out.toString()).contains("\"status\" : \"REJECTED\"");
    }

    @Test
    void agentBalanceIsAReadSignedWithTheAgentsKeyAndSearchPrintsOneLineAnAgent() throws Exception {
        Path key = dir.resolve("agent.key");
        assertThat(run("keygen", "--out", key.toString())).isZero();
        java.security.KeyPair keys = KeyFile.read(key);
        String agentId = AgentId.of(keys.getPublic());
        java.util.List<String> proofs = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> searches = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/ledger/accounts/", exchange -> {
            String proof = exchange.getRequestHeaders().getFirst(io.lode.identity.AgentReadProofs.HEADER);
            // the proof the ledger checks: this key, for this very read
            java.security.PublicKey signer = io.lode.identity.AgentReadProofs.verify(proof, "GET",
                    exchange.getRequestURI().toString(), java.time.Instant.now());
            proofs.add(AgentId.of(signer) + " " + exchange.getRequestURI());
            send(exchange, 200, "{\"accountId\":\"" + agentId + "\",\"available\":950}");
        });
        gateway.createContext("/v1/agents", exchange -> {
            searches.add(exchange.getRequestURI().toString());
            send(exchange, 200, "{\"items\":[{\"score\":0.71,\"agentId\":\"agt_1\",\"name\":\"calc\",\"status\":"
                    + "\"ACTIVE\",\"price\":1000,\"skills\":[{\"id\":\"arithmetic\"}]}],\"nextCursor\":\"n1\"}");
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("agent", "balance", "--gateway", url, "--key", key.toString())).isZero();
            assertThat(out.toString()).contains("\"available\":950");
            out.getBuffer().setLength(0);
            assertThat(run("agent", "search", "--gateway", url, "--max-price", "2000", "add", "two", "numbers"))
                    .isZero();
            assertThat(out.toString().strip()).startsWith("agt_1").contains("ACTIVE").contains("1000")
                    .contains("0.71").endsWith("calc (arithmetic)");
            assertThat(err.toString()).contains("more: lode agent search (the same words and filters) --cursor n1");
        } finally {
            gateway.stop(0);
        }
        assertThat(proofs).containsExactly(agentId + " /v1/ledger/accounts/" + agentId);
        assertThat(searches).containsExactly("/v1/agents?limit=20&q=add+two+numbers&maxPrice=2000");
    }

    @Test
    void accountCreateSaveKeepsTheKeyPrivatelyAndAReadableConfigWithASecretIsWarnedAbout() throws Exception {
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/accounts", exchange -> send(exchange, 201,
                "{\"accountId\":\"acc_1\",\"apiKey\":\"lode_secret\"}"));
        gateway.createContext("/v1/accounts/me", exchange -> send(exchange, 200,
                "{\"accountId\":\"acc_1\",\"authorization\":\"" + exchange.getRequestHeaders().getFirst("Authorization")
                        + "\"}"));
        gateway.start();
        Path config = dir.resolve("lode/config.properties");
        Settings settings = new Settings(java.util.Map.of(), config);
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            java.nio.file.Files.createDirectories(config.getParent());
            java.nio.file.Files.writeString(config, "bootstrap-servers=127.0.0.1:9092\n");
            assertThat(run(settings, "account", "create", "--gateway", url, "--save")).isZero();
            assertThat(java.nio.file.Files.getPosixFilePermissions(config)).containsExactlyInAnyOrder(
                    java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            java.util.Properties saved = new java.util.Properties();
            try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(config)) {
                saved.load(reader);
            }
            assertThat(saved).containsEntry("api-key", "lode_secret").containsEntry("gateway", url)
                    .containsEntry("bootstrap-servers", "127.0.0.1:9092");
            // a later command needs no --api-key, and a private file gets no warning
            assertThat(run(new Settings(java.util.Map.of(), config), "account", "balance")).isZero();
            assertThat(out.toString()).contains("Bearer lode_secret");
            assertThat(err.toString()).doesNotContain("warning");

            java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions
                    .fromString("rw-r--r--"));
            assertThat(run(new Settings(java.util.Map.of(), config), "account", "balance")).isZero();
            assertThat(err.toString()).contains("lode: warning: " + config + " holds a secret and others may read it")
                    .contains("chmod 600");
        } finally {
            gateway.stop(0);
        }
    }

    @Test
    void accountCreateWithAKeySignsTheOpeningForThatKey() throws Exception {
        Path key = dir.resolve("agent.key");
        assertThat(run("keygen", "--out", key.toString())).isZero();
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/accounts", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] answer = "{\"accountId\":\"acc_1\"}".getBytes();
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("account", "create", "--gateway", url)).isZero();
            assertThat(run("account", "create", "--key", key.toString(), "--gateway", url)).isZero();
        } finally {
            gateway.stop(0);
        }
        assertThat(bodies.get(0)).isEmpty();
        com.fasterxml.jackson.databind.node.ObjectNode signed = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(bodies.get(1));
        assertThat(signed.get("action").asText()).isEqualTo("open-account");
        assertThat(AgentId.of(io.lode.identity.SignedRequests.verify(signed)))
                .isEqualTo(AgentId.of(KeyFile.read(key).getPublic()));
        assertThat(out.toString()).contains("acc_1");
    }

    @Test
    void taskSubmitPrintsTheVerifiedAnswerAndWatchRendersTheEventStream() throws Exception {
        java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        String completed = "{\"taskId\":\"tsk_1\",\"status\":\"COMPLETED\",\"result\":{\"output\":\"391\"}}";
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/tasks", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(call + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            int status = 200;
            String body = completed;
            if (call.equals("POST /v1/tasks")) {
                status = 202;
                body = "{\"taskId\":\"tsk_1\",\"status\":\"SUBMITTED\"}";
            } else if (call.endsWith("/events")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                body = "id: 1\nevent: SUBMITTED\ndata: {\"input\":\"x\"}\n\nid: 2\nevent: COMPLETED\ndata: {}\n\n";
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("task", "submit", "--gateway", url, "--api-key", "lode_k", "--skill", "math",
                    "what", "is", "17", "*", "23?")).isZero();
            assertThat(out.toString().strip()).isEqualTo("391");
            assertThat(run("task", "submit", "--gateway", url, "--api-key", "lode_k", "--watch", "hello")).isZero();
        } finally {
            gateway.stop(0);
        }
        assertThat(requests.get(0)).isEqualTo("POST /v1/tasks?wait=verified Bearer lode_k "
                + "{\"input\":\"what is 17 * 23?\",\"skill\":\"math\"}");
        assertThat(requests.subList(1, 4)).extracting(r -> r.split(" ")[0] + " " + r.split(" ")[1])
                .containsExactly("POST /v1/tasks", "GET /v1/tasks/tsk_1/events", "GET /v1/tasks/tsk_1");
        assertThat(err.toString()).contains("   1 SUBMITTED").contains("   2 COMPLETED");
        assertThat(out.toString()).endsWith("391" + System.lineSeparator());
    }

    @Test
    void aHeldAnswerIsPrintedWithHowToDisputeItAndDisputeSendsTheReason() throws Exception {
        java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/tasks", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(call + " " + new String(exchange.getRequestBody().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (call.equals("POST /v1/tasks/tsk_2/dispute")) {
                send(exchange, 202, "{\"taskId\":\"tsk_2\",\"status\":\"HELD\"}");
            } else if (call.equals("POST /v1/tasks/tsk_3/dispute")) {
                sendProblem(exchange, 409, "task-not-disputable", "Task can no longer be disputed",
                        "task tsk_3 is COMPLETED; only a held answer (HELD) can be disputed");
            } else {
                send(exchange, 200, "{\"taskId\":\"tsk_2\",\"status\":\"HELD\",\"result\":{\"output\":\"Uryyb\"},"
                        + "\"hold\":{\"until\":\"2026-12-07T15:00:00Z\"}}");
            }
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("task", "submit", "--gateway", url, "--api-key", "lode_k", "rot13", "Hello")).isZero();
            assertThat(out.toString().strip()).isEqualTo("Uryyb");
            assertThat(err.toString()).contains("held for review until 2026-12-07T15:00:00Z")
                    .contains("lode task dispute tsk_2");
            assertThat(run("task", "dispute", "--gateway", url, "--api-key", "lode_k", "tsk_2", "--reason",
                    "not ROT13")).isZero();
            assertThat(out.toString()).contains("disputed: a panel will review task tsk_2");
            assertThat(run("task", "dispute", "--gateway", url, "--api-key", "lode_k", "tsk_3")).isEqualTo(1);
            assertThat(err.toString()).contains("only a held answer (HELD) can be disputed");
        } finally {
            gateway.stop(0);
        }
        assertThat(requests).contains("POST /v1/tasks/tsk_2/dispute {\"reason\":\"not ROT13\"}",
                "POST /v1/tasks/tsk_3/dispute {}");
    }

    @Test
    void taskListPrintsOneLinePerTaskWithTheCursorForMoreAndCancelPosts() throws Exception {
        java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/tasks", exchange -> {
            String call = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            requests.add(call);
            if (call.startsWith("GET /v1/tasks?")) {
                send(exchange, 200, "{\"items\":[{\"taskId\":\"tsk_2\",\"status\":\"FAILED\",\"input\":"
                        + "\"sing\\na song\"},{\"taskId\":\"tsk_1\",\"status\":\"COMPLETED\",\"input\":\"2 + 2\","
                        + "\"verdict\":{\"verdict\":\"PASS\"},\"fee\":{\"charged\":1000}}],\"nextCursor\":\"abc\"}");
            } else {
                send(exchange, 200, "{\"taskId\":\"tsk_3\",\"status\":\"CANCELED\"}");
            }
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("task", "list", "--gateway", url, "--api-key", "lode_k", "--status", "FAILED", "--limit",
                    "2")).isZero();
            String[] lines = out.toString().strip().split("\\R");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("tsk_2").contains("FAILED").endsWith("sing a song");
            assertThat(lines[1]).contains("COMPLETED").contains("PASS").contains("1000").endsWith("2 + 2");
            assertThat(err.toString()).contains("lode task list --cursor abc");
            assertThat(run("task", "cancel", "--gateway", url, "--api-key", "lode_k", "tsk_3")).isZero();
            assertThat(out.toString()).contains("tsk_3 CANCELED");
        } finally {
            gateway.stop(0);
        }
        assertThat(requests).containsExactly("GET /v1/tasks?limit=2&status=FAILED", "POST /v1/tasks/tsk_3/cancel");
    }

    @Test
    void aBusyGatewayIsWaitedOutPerRetryAfterAndAProblemIsPrintedAsItsDetail() throws Exception {
        java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer gateway = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 4);
        gateway.createContext("/v1/tasks", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                sendProblem(exchange, 503, "overloaded", "Network busy", "the network is behind");
            } else {
                send(exchange, 200, "{\"taskId\":\"tsk_1\",\"status\":\"COMPLETED\",\"result\":{\"output\":\"7\"}}");
            }
        });
        gateway.createContext("/v1/accounts/me", exchange -> {
            sendProblem(exchange, 401, "unauthenticated", "Unauthenticated", "the API key is unknown or revoked");
        });
        gateway.start();
        try {
            String url = "http://127.0.0.1:" + gateway.getAddress().getPort();
            assertThat(run("task", "submit", "--gateway", url, "--api-key", "lode_k", "3 + 4")).isZero();
            assertThat(out.toString().strip()).isEqualTo("7");
            // sent twice, under one key: the gateway can tell the second is the first again
            assertThat(keys).hasSize(2).doesNotContainNull();
            assertThat(keys.get(1)).isEqualTo(keys.get(0));
            assertThat(err.toString()).contains("lode: Network busy: the network is behind (503, "
                    + "https://lode.dev/problems/overloaded); trying again in 1 s (1 of 5)");

            err.getBuffer().setLength(0);
            assertThat(run("account", "balance", "--gateway", url, "--api-key", "lode_bad")).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("Unauthenticated: the API key is unknown or revoked "
                    + "(401, https://lode.dev/problems/unauthenticated)");
        } finally {
            gateway.stop(0);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        java.time.Instant now = java.time.Instant.parse("2026-12-07T12:00:00Z");
        assertThat(Http.retryAfter(answer("3"), now)).hasValue(java.time.Duration.ofSeconds(3));
        assertThat(Http.retryAfter(answer("Mon, 07 Dec 2026 12:00:10 GMT"), now))
                .hasValue(java.time.Duration.ofSeconds(10));
        assertThat(Http.retryAfter(answer("soon"), now)).isEmpty();
    }

    private static java.net.http.HttpResponse<String> answer(String retryAfter) {
        java.net.http.HttpHeaders headers = java.net.http.HttpHeaders.of(
                java.util.Map.of("Retry-After", java.util.List.of(retryAfter)), (k, v) -> true);
        return new java.net.http.HttpResponse<>() {
            public int statusCode() { return 429; }
            public java.net.http.HttpRequest request() { return null; }
            public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return headers; }
            public String body() { return ""; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public java.net.URI uri() { return null; }
            public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
        };
    }

    /** A problem as the gateway answers one (RFC 7807). */
    private static void sendProblem(com.sun.net.httpserver.HttpExchange exchange, int status, String type,
                                    String title, String detail) throws java.io.IOException {
        exchange.getResponseHeaders().set("Content-Type", Http.PROBLEM_JSON);
        send(exchange, status, Http.JSON.createObjectNode().put("type", "https://lode.dev/problems/" + type)
                .put("title", title).put("status", status).put("detail", detail).toString());
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void helpAndUsageErrorsHaveStableExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("keygen", "agent");
        assertThat(run("agent", "--help")).isZero();
        assertThat(out.toString()).contains("register", "update", "renew", "deregister", "status");
        assertThat(run("agent", "register")).isEqualTo(2);
        assertThat(run("no-such-command")).isEqualTo(2);
    }
}
