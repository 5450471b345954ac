package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.identity.PublicReceipt;
import io.lode.identity.VerifierKeyring;

/**
 * The network as one agent, through a real local network. A2A: the official JavaScript SDK's client, in v1.0 and
 * v0.3 modes, finds the gateway's card and sends, resends, reads, streams, subscribes, lists and cancels. MCP: the
 * official TypeScript SDK's client lists the tools, submits a task and reads the answer, checks its receipt. The
 * official Java SDK's client (v0.3) sends, streams, gets, cancels and resubscribes. Raw
 * JSON-RPC shows what the SDK does not reach: a running task canceled and refunded while two subscribers watch it,
 * an agent's words streamed as chunks of the answer, and every error a caller can cause. Needs Node.js 20+ and npm.
 */
class NetworkAsAgentIT {

    private static final String SKILL = "gated-stream-echo";
    private static final long PRICE = 700;
    private static final long MAX_PRICE = 1_000;

    @TempDir
    static Path dataDir;

    private static Path interop;
    private static LocalNetwork network;
    private static GatewayClient gateway;
    private static String apiKey;
    private static TestAgents agents;
    private static volatile CountDownLatch gate = new CountDownLatch(0);

    @BeforeAll
    static void start() throws Exception {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        interop = JsSdk.installed(repoRoot);
        network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "60s", Map.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        gateway = new GatewayClient(network.gatewayUrl());
        apiKey = gateway.newApiKey();
        // A streaming agent (STREAM_UNFINISHED misbehaves only on the trigger word, which these tasks never carry)
        // that answers when the test lets it.
        agents = new TestAgents(gateway);
        String agentId = agents.register("gated-streamer", new SkillCard(SKILL, "Echo", "Repeats the text it is sent",
                List.of(SKILL), List.of()), PRICE, NetworkAsAgentIT::answerWhenLet,
                A2aAgentServer.Misbehaviour.STREAM_UNFINISHED).agentId();
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.hasStatus(agentId, "ACTIVE"));
    }

    @AfterAll
    static void stop() {
        gate.countDown();
        if (agents != null) {
            agents.close();
        }
        if (network != null) {
            network.close();
        }
    }

    private static String answerWhenLet(String text) {
        try {
            gate.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "echo: " + text;
    }

    @ParameterizedTest(name = "the official JS SDK client in {0} mode")
    @CsvSource({"v1, 1.0", "legacy, 0.3"})
    void theOfficialSdkClientUsesTheNetworkAsOneAgent(String mode, String protocol) throws Exception {
        JsonNode seen = runClient(mode);
        assertThat(seen.path("protocol").asText()).isEqualTo(protocol);
        assertThat(seen.at("/card/name").asText()).isEqualTo("Lode");
        assertThat(seen.at("/card/streaming").asBoolean()).isTrue();

        // send: answered once verified, with the verdict, its receipt and the fee in a data part
        JsonNode send = seen.path("send");
        assertThat(send.path("state").asText()).as(send.toString()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(send.path("answer").asText()).isEqualTo("391");
        assertThat(send.at("/facts/verdict/verdict").asText()).isEqualTo("PASS");
        assertThat(send.at("/facts/verdict/method").asText()).isEqualTo("arithmetic");
        assertThat(send.at("/facts/verdict/receipt/signature").asText()).isNotBlank();
        assertThat(send.at("/facts/fee/charged").asLong()).isPositive();
        String taskId = send.path("id").asText();
        JsonNode lodeTask = gateway.json("GET", "/v1/tasks/" + taskId, apiKey, null, 200);
        assertThat(lodeTask.at("/result/output").asText()).isEqualTo("391");
        assertThat(PublicReceipt.parse(send.at("/facts/verdict/receipt")))
                .isEqualTo(PublicReceipt.parse(lodeTask.at("/verdict/receipt")));
        // the receipt carries all it signs: the verifier's published keys alone check it
        PublicReceipt receipt = PublicReceipt.parse(send.at("/facts/verdict/receipt"));
        assertThat(receipt.taskId()).isEqualTo(taskId);
        assertThat(receipt.price()).isEqualTo(send.at("/facts/fee/charged").asLong());
        VerifierKeyring keys = VerifierKeyring.parse(gateway.send("GET", "/v1/verifier/keys", null, null).body());
        assertThat(receipt.problem(keys)).isEmpty();
        assertThat(PublicReceipt.parse(((ObjectNode) send.at("/facts/verdict/receipt")).put("verdict", "FAIL"))
                .problem(keys)).isPresent();

        // the same message again is the same task, charged once
        assertThat(seen.at("/resend/id").asText()).isEqualTo(taskId);
        assertThat(seen.at("/get/id").asText()).isEqualTo(taskId);
        assertThat(seen.at("/get/contextId").asText()).isEqualTo(send.path("contextId").asText());
        assertThat(seen.at("/get/answer").asText()).isEqualTo("391");

        // stream: the task, then working, the answer, the final state
        JsonNode stream = seen.path("stream");
        assertThat(stream.path("answer").asText()).as(stream.toString()).isEqualTo("42");
        List<String> events = texts(stream.path("events"));
        assertThat(events.get(0)).isEqualTo("task");
        assertThat(events).contains("statusUpdate:TASK_STATE_WORKING", "artifactUpdate");
        assertThat(events.get(events.size() - 1)).isEqualTo("statusUpdate:TASK_STATE_COMPLETED");

        // subscribing to a finished task: its state, then the end
        assertThat(texts(seen.at("/subscribe/events"))).as(seen.path("subscribe").toString())
                .containsExactly("task", "statusUpdate:TASK_STATE_COMPLETED");

        // list: the conversation's tasks, newest first (v0.3 has no list method: the SDK refuses it itself)
        if (mode.equals("v1")) {
            assertThat(texts(seen.at("/list/ids"))).as(seen.path("list").toString())
                    .containsExactly(stream.path("id").asText(), taskId);
        } else {
            assertThat(seen.at("/list/error").asText()).contains("tasks/list");
        }

        // errors the SDK knows by name
        assertThat(seen.at("/cancel/name").asText()).as(seen.path("cancel").toString())
                .isEqualTo("JsonRpcTaskNotCancelableError");
        assertThat(seen.at("/unknown/name").asText()).isEqualTo("JsonRpcTaskNotFoundError");
        assertThat(seen.at("/unauthenticated/error").asText()).contains("401");

        // the extended card is the caller's: it names the account the key spends from
        String accountId = gateway.json("GET", "/v1/accounts/me", apiKey, null, 200).path("accountId").asText();
        assertThat(seen.at("/extended/extensions/0/uri").asText()).isEqualTo("urn:lode:account:v1");
        assertThat(seen.at("/extended/extensions/0/params/accountId").asText()).isEqualTo(accountId);
    }

    @Test
    void theOfficialJavaSdkClientSpeaksV03ToTheNetwork() throws Exception {
        io.a2a.spec.AgentCard card = io.a2a.A2A.getAgentCard(network.gatewayUrl());
        assertThat(card.protocolVersion()).startsWith("0.3");
        assertThat(card.url()).isEqualTo(network.gatewayUrl() + "/a2a");
        assertThat(card.capabilities().streaming()).isTrue();
        io.a2a.client.transport.spi.interceptors.ClientCallContext auth =
                new io.a2a.client.transport.spi.interceptors.ClientCallContext(Map.of(),
                        Map.of("Authorization", "Bearer " + apiKey));

        // send, blocking: the verified answer
        CompletableFuture<io.a2a.spec.Task> sent = new CompletableFuture<>();
        io.a2a.client.Client client = javaClient(card, false, sent);
        client.sendMessage(io.a2a.A2A.toUserMessage("what is 12 * 12?"), auth);
        io.a2a.spec.Task task = sent.get(60, TimeUnit.SECONDS);
        assertThat(task.getStatus().state()).isEqualTo(io.a2a.spec.TaskState.COMPLETED);
        assertThat(((io.a2a.spec.TextPart) task.getArtifacts().get(0).parts().get(0)).getText()).isEqualTo("144");
        assertThat(task.getArtifacts().get(0).parts().get(1)).isInstanceOf(io.a2a.spec.DataPart.class);

        // get; cancel a finished task: the SDK's own error for -32002
        assertThat(client.getTask(new io.a2a.spec.TaskQueryParams(task.getId()), auth).getStatus().state())
                .isEqualTo(io.a2a.spec.TaskState.COMPLETED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.cancelTask(
                new io.a2a.spec.TaskIdParams(task.getId()), auth)).hasMessageContaining("cancel");

        // stream: task and updates, ending completed with the answer
        CompletableFuture<io.a2a.spec.Task> streamed = new CompletableFuture<>();
        io.a2a.client.Client streaming = javaClient(card, true, streamed);
        streaming.sendMessage(io.a2a.A2A.toUserMessage("what is 9 * 9?"), auth);
        io.a2a.spec.Task last = streamed.get(60, TimeUnit.SECONDS);
        assertThat(last.getStatus().state()).isEqualTo(io.a2a.spec.TaskState.COMPLETED);
        assertThat(((io.a2a.spec.TextPart) last.getArtifacts().get(0).parts().get(0)).getText()).isEqualTo("81");

        // resubscribe (the SDK resubscribes with a streaming client) to the first task: its final state
        CompletableFuture<io.a2a.spec.Task> resubscribed = new CompletableFuture<>();
        streaming.resubscribe(new io.a2a.spec.TaskIdParams(task.getId()), List.of(whenFinal(resubscribed)),
                resubscribed::completeExceptionally, auth);
        assertThat(resubscribed.get(60, TimeUnit.SECONDS).getId()).isEqualTo(task.getId());
    }

    /** The official Java client on the card's JSON-RPC interface; {@code finished} gets the task once it is final. */
    private static io.a2a.client.Client javaClient(io.a2a.spec.AgentCard card, boolean streaming,
                                                   CompletableFuture<io.a2a.spec.Task> finished) throws Exception {
        return io.a2a.client.Client.builder(card)
                .withTransport(io.a2a.client.transport.jsonrpc.JSONRPCTransport.class,
                        new io.a2a.client.transport.jsonrpc.JSONRPCTransportConfig())
                .clientConfig(new io.a2a.client.config.ClientConfig.Builder().setStreaming(streaming).build())
                .addConsumer(whenFinal(finished))
                .streamingErrorHandler(finished::completeExceptionally).build();
    }

    /** A consumer of the Java client's events that completes {@code finished} with the task once it is final. */
    private static java.util.function.BiConsumer<io.a2a.client.ClientEvent, io.a2a.spec.AgentCard> whenFinal(
            CompletableFuture<io.a2a.spec.Task> finished) {
        return (event, card) -> {
            io.a2a.spec.Task seen = event instanceof io.a2a.client.TaskEvent t ? t.getTask()
                    : event instanceof io.a2a.client.TaskUpdateEvent u ? u.getTask() : null;
            if (seen != null && seen.getStatus().state().isFinal()) {
                finished.complete(seen);
            }
        };
    }

    @Test
    void anLlmHostUsesTheNetworkThroughTheOfficialMcpClient() throws Exception {
        JsonNode seen = runScript("mcp-client.mjs", "mcp");
        assertThat(seen.path("tools").findValuesAsText("name")).containsExactlyInAnyOrder("submit_task", "get_task",
                "cancel_task", "search_agents", "get_balance", "verify_receipt");

        // a task: the answer first, then its verdict and cost, the whole task as structured content
        JsonNode submit = seen.path("submit");
        assertThat(submit.path("isError").asBoolean()).as(submit.toString()).isFalse();
        assertThat(submit.path("text").asText()).startsWith("391\n").contains("verdict PASS by arithmetic", "charged");
        String taskId = submit.at("/task/taskId").asText();
        JsonNode lodeTask = gateway.json("GET", "/v1/tasks/" + taskId, apiKey, null, 200);
        assertThat(lodeTask.at("/result/output").asText()).isEqualTo("391");
        assertThat(seen.at("/get/status").asText()).isEqualTo("COMPLETED");

        // its receipt holds; the same receipt claiming another verdict does not
        assertThat(seen.at("/verify/isError").asBoolean()).as(seen.path("verify").toString()).isFalse();
        assertThat(seen.at("/verify/text").asText()).startsWith("VALID");
        assertThat(seen.at("/forged/isError").asBoolean()).isTrue();
        assertThat(seen.at("/forged/text").asText()).startsWith("NOT VALID");

        // the API's refusals are tool errors with the problem's detail; ids are checked before any call
        assertThat(seen.at("/cancel/isError").asBoolean()).isTrue();
        assertThat(seen.at("/cancel/text").asText()).contains("409", "task-not-cancelable");
        assertThat(seen.at("/badId/isError").asBoolean()).isTrue();
        assertThat(seen.at("/badId/text").asText()).contains("not a task id");

        // the balance is the caller's ledger account, the agents those the search finds
        long available = gateway.json("GET", "/v1/accounts/me", apiKey, null, 200).at("/balance/available").asLong();
        assertThat(seen.at("/balance/available").asLong()).isEqualTo(available);
        assertThat(texts(seen.at("/agents/ids"))).isNotEmpty().allMatch(id -> id.startsWith("agt_"));

        // without a key the MCP server is not reached at all
        assertThat(seen.at("/unauthenticated/code").asInt()).as(seen.path("unauthenticated").toString())
                .isEqualTo(401);
    }

    @Test
    void aRunningTaskIsCanceledAndRefundedWhileTwoSubscribersWatchIt() throws Exception {
        gate = new CountDownLatch(1);
        try {
            ObjectNode params = send("hold on", SKILL, null);
            params.putObject("configuration").put("returnImmediately", true);
            JsonNode sent = rpc(apiKey, "SendMessage", params);
            JsonNode task = sent.at("/result/task");
            assertThat(task.path("id").asText()).as(sent.toString()).startsWith("tsk_");
            assertThat(task.at("/status/state").asText()).isIn("TASK_STATE_SUBMITTED", "TASK_STATE_WORKING");
            String taskId = task.path("id").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/" + taskId, apiKey,
                    null, 200).path("status").asText().equals("DISPATCHED"));

            List<JsonNode> first = new CopyOnWriteArrayList<>();
            List<JsonNode> second = new CopyOnWriteArrayList<>();
            CompletableFuture<Integer> one = stream(apiKey, "SubscribeToTask", idParams(taskId), first);
            CompletableFuture<Integer> two = stream(apiKey, "SubscribeToTask", idParams(taskId), second);
            await().atMost(Duration.ofSeconds(20)).until(() -> first.size() >= 2 && second.size() >= 2);

            JsonNode canceled = rpc(apiKey, "CancelTask", idParams(taskId));
            assertThat(canceled.at("/result/status/state").asText()).as(canceled.toString())
                    .isEqualTo("TASK_STATE_CANCELED");
            assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(two.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            for (List<JsonNode> events : List.of(first, second)) {
                assertThat(events.get(0).at("/result/task/id").asText()).isEqualTo(taskId);
                assertThat(events.get(1).at("/result/statusUpdate/status/state").asText())
                        .isEqualTo("TASK_STATE_WORKING");
                assertThat(events.get(events.size() - 1).at("/result/statusUpdate/status/state").asText())
                        .as(events.toString()).isEqualTo("TASK_STATE_CANCELED");
            }
            JsonNode refunded = await().atMost(Duration.ofSeconds(30)).until(() -> gateway.json("GET", "/v1/tasks/"
                    + taskId, apiKey, null, 200), t -> t.at("/fee/refunded").isNumber());
            assertThat(refunded.at("/fee/refunded").asLong()).isEqualTo(MAX_PRICE);

            JsonNode again = rpc(apiKey, "CancelTask", idParams(taskId));
            assertThat(again.at("/error/code").asInt()).as(again.toString()).isEqualTo(-32002);
            assertThat(again.at("/error/data/type").asText()).endsWith("/task-not-cancelable");
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aTasksUpdatesArePushedToItsWebhookWithItsTokenRetriedUntilTheWebhookTakesThem() throws Exception {
        List<JsonNode> pushed = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer webhook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        webhook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // the first delivery fails: the gateway must try it again
            int status = calls.incrementAndGet() == 1 ? 503 : 200;
            if (status == 200) {
                pushed.add(GatewayClient.JSON.readTree(body));
                tokens.add(exchange.getRequestHeaders().getFirst("X-A2A-Notification-Token"));
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        webhook.start();
        gate = new CountDownLatch(1);
        try {
            String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
            ObjectNode params = send("push it", SKILL, null);
            String messageId = params.at("/message/messageId").asText();
            ObjectNode configuration = params.putObject("configuration").put("returnImmediately", true);
            configuration.putObject("taskPushNotificationConfig").put("url", url).put("token", "tok-1")
                    .putObject("authentication").put("scheme", "Bearer").put("credentials", "cred-1");
            String taskId = rpc(apiKey, "SendMessage", params).at("/result/task/id").asText();
            assertThat(taskId).startsWith("tsk_");

            // the config is the caller's to read, without its credentials; more can be added and removed
            JsonNode shown = rpc(apiKey, "GetTaskPushNotificationConfig", GatewayClient.JSON.createObjectNode()
                    .put("taskId", taskId).put("id", "message-" + messageId));
            assertThat(shown.at("/result/url").asText()).as(shown.toString()).isEqualTo(url);
            assertThat(shown.at("/result/token").asText()).isEqualTo("tok-1");
            assertThat(shown.toString()).doesNotContain("cred-1");
            JsonNode second = rpc(apiKey, "CreateTaskPushNotificationConfig", GatewayClient.JSON.createObjectNode()
                    .put("taskId", taskId).put("url", url + "/second"));
            String secondId = second.at("/result/id").asText();
            assertThat(rpc(apiKey, "ListTaskPushNotificationConfigs", idParams(taskId).put("taskId", taskId))
                    .at("/result/configs")).hasSize(2);
            assertThat(rpc(apiKey, "DeleteTaskPushNotificationConfig", GatewayClient.JSON.createObjectNode()
                    .put("taskId", taskId).put("id", secondId)).has("error")).isFalse();
            assertThat(rpc(apiKey, "ListTaskPushNotificationConfigs", idParams(taskId).put("taskId", taskId))
                    .at("/result/configs")).hasSize(1);

            // a webhook inside the operator's network is refused before it is stored; another account's task is not
            // found
            JsonNode metadata = rpc(apiKey, "CreateTaskPushNotificationConfig", GatewayClient.JSON.createObjectNode()
                    .put("taskId", taskId).put("url", "http://169.254.169.254/latest/meta-data"));
            assertThat(metadata.at("/error/code").asInt()).as(metadata.toString()).isEqualTo(-32602);
            assertThat(metadata.at("/error/message").asText()).contains("refused");
            assertThat(rpc(gateway.newApiKey(), "CreateTaskPushNotificationConfig", GatewayClient.JSON
                    .createObjectNode().put("taskId", taskId).put("url", url)).at("/error/code").asInt())
                    .isEqualTo(-32001);

            gate.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> !pushed.isEmpty() && pushed.get(pushed.size() - 1)
                    .at("/task/status/state").asText().equals("TASK_STATE_COMPLETED"));
            JsonNode last = pushed.get(pushed.size() - 1).path("task");
            assertThat(last.path("id").asText()).isEqualTo(taskId);
            assertThat(last.at("/artifacts/0/parts/0/text").asText()).isEqualTo("echo: push it");
            assertThat(calls.get()).as("the failed delivery was tried again").isGreaterThan(pushed.size());
            assertThat(tokens).containsOnly("tok-1");
            assertThat(authorizations).containsOnly("Bearer cred-1");
        } finally {
            gate.countDown();
            webhook.stop(0);
        }
    }

    @Test
    void anAgentsStreamedWordsArriveAsChunksOfTheAnswerThenTheVerifiedAnswerReplacesThem() throws Exception {
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        String contextId = "ctx-" + UUID.randomUUID();
        int status = stream(apiKey, "message/stream", legacySend("say it slowly", SKILL, contextId), events)
                .get(60, TimeUnit.SECONDS);
        assertThat(status).isEqualTo(200);
        List<String> kinds = events.stream().map(e -> e.at("/result/kind").asText()).toList();
        assertThat(kinds.get(0)).as(events.toString()).isEqualTo("task");
        List<JsonNode> chunks = events.stream().filter(e -> e.at("/result/kind").asText().equals("artifact-update")
                && !e.at("/result/lastChunk").asBoolean()).toList();
        // the orchestrator may pass the agent's chunks on joined: one chunk or more, the first opening the artifact
        assertThat(chunks).as(events.toString()).isNotEmpty();
        assertThat(chunks.get(0).at("/result/append").asBoolean()).isFalse();
        assertThat(chunks.subList(1, chunks.size())).allMatch(c -> c.at("/result/append").asBoolean());
        StringBuilder streamed = new StringBuilder();
        chunks.forEach(c -> streamed.append(c.at("/result/artifact/parts/0/text").asText()));
        assertThat(streamed.toString()).isEqualTo("echo: say it slowly");
        JsonNode last = events.get(events.size() - 1).path("result");
        assertThat(last.path("kind").asText()).isEqualTo("status-update");
        assertThat(last.path("final").asBoolean()).isTrue();
        assertThat(last.at("/status/state").asText()).isEqualTo("completed");
        assertThat(last.path("contextId").asText()).isEqualTo(contextId);
        JsonNode answer = events.get(events.size() - 2).path("result");
        assertThat(answer.path("lastChunk").asBoolean()).as(events.toString()).isTrue();
        assertThat(answer.path("append").asBoolean()).isFalse();
        assertThat(answer.at("/artifact/parts/0/text").asText()).isEqualTo("echo: say it slowly");
        assertThat(answer.at("/artifact/parts/1/kind").asText()).isEqualTo("data");
        assertThat(answer.at("/artifact/parts/1/data/agentId").asText()).startsWith("agt_");
    }

    @Test
    void listTasksFiltersByStateAndSaysHowManyMatchInAll() throws Exception {
        String key = gateway.newApiKey();
        for (String text : List.of("list me one", "list me two")) {
            assertThat(rpc(key, "SendMessage", send(text, SKILL, null)).at("/result/task/status/state").asText())
                    .isEqualTo("TASK_STATE_COMPLETED");
        }
        JsonNode nobody = rpc(key, "SendMessage", send("nobody can do this", "no-agent-offers-this-skill", null));
        assertThat(nobody.at("/result/task/status/state").asText()).as(nobody.toString()).isEqualTo("TASK_STATE_FAILED");

        JsonNode all = rpc(key, "ListTasks", GatewayClient.JSON.createObjectNode().put("pageSize", 2));
        assertThat(all.at("/result/tasks").size()).isEqualTo(2);
        assertThat(all.at("/result/totalSize").asInt()).isEqualTo(3);
        assertThat(all.at("/result/nextPageToken").asText()).isNotEmpty();
        JsonNode completed = rpc(key, "ListTasks", GatewayClient.JSON.createObjectNode()
                .put("status", "TASK_STATE_COMPLETED"));
        assertThat(completed.at("/result/totalSize").asInt()).isEqualTo(2);
        assertThat(completed.at("/result/tasks")).hasSize(2).allSatisfy(t -> assertThat(t.at("/status/state")
                .asText()).isEqualTo("TASK_STATE_COMPLETED"));
        JsonNode failed = rpc(key, "ListTasks", GatewayClient.JSON.createObjectNode().put("status", "TASK_STATE_FAILED"));
        assertThat(failed.at("/result/totalSize").asInt()).isEqualTo(1);
        assertThat(failed.at("/result/tasks/0/id").asText()).isEqualTo(nobody.at("/result/task/id").asText());
        // a state no Lode task is ever in lists nothing; one that is no state is a mistake
        JsonNode inputRequired = rpc(key, "ListTasks", GatewayClient.JSON.createObjectNode()
                .put("status", "TASK_STATE_INPUT_REQUIRED"));
        assertThat(inputRequired.at("/result/tasks")).isEmpty();
        assertThat(inputRequired.at("/result/totalSize").asInt()).isZero();
        assertThat(rpc(key, "ListTasks", GatewayClient.JSON.createObjectNode().put("status", "TASK_STATE_DONE"))
                .at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(rpc(key, "ListTasks", GatewayClient.JSON.createObjectNode().put("status", "TASK_STATE_COMPLETED")
                .put("contextId", "ctx-1")).at("/error/message").asText()).contains("not both");
    }

    @Test
    void everyMistakeACallerCanMakeIsAJsonRpcErrorThatSaysWhat() throws Exception {
        assertThat(raw(apiKey, "{not json").at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(raw(apiKey, "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"SendMessage\"}").at("/error/code").asInt())
                .isEqualTo(-32600);
        assertThat(rpc(apiKey, "DoSomething", GatewayClient.JSON.createObjectNode()).at("/error/code").asInt())
                .isEqualTo(-32601);
        JsonNode noText = rpc(apiKey, "SendMessage", GatewayClient.JSON.createObjectNode().set("message",
                GatewayClient.JSON.createObjectNode().put("messageId", "m-1").put("role", "ROLE_USER")
                        .set("parts", GatewayClient.JSON.createArrayNode())));
        assertThat(noText.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(noText.at("/error/message").asText()).contains("text");
        JsonNode badPrice = rpc(apiKey, "SendMessage", send("what is 2 + 2?", null, null)
                .set("metadata", GatewayClient.JSON.createObjectNode().put("maxPrice", "lots")));
        assertThat(badPrice.at("/error/message").asText()).contains("maxPrice");
        JsonNode refusedByTheApi = rpc(apiKey, "SendMessage", send("what is 2 + 2?", null, null)
                .set("metadata", GatewayClient.JSON.createObjectNode().put("redundancy", 9)));
        assertThat(refusedByTheApi.at("/error/code").asInt()).as(refusedByTheApi.toString()).isEqualTo(-32602);
        assertThat(refusedByTheApi.at("/error/data/type").asText()).startsWith("https://lode.dev/problems/");
        assertThat(rpc(apiKey, "CreateTaskPushNotificationConfig", GatewayClient.JSON.createObjectNode()
                .put("taskId", "tsk_0").put("url", "ftp://example.org/")).at("/error/message").asText())
                .contains("http or https");

        // only ids the API gave out reach a backend's path
        JsonNode traversal = rpc(apiKey, "GetTask", idParams(".."));
        assertThat(traversal.at("/error/code").asInt()).as(traversal.toString()).isEqualTo(-32602);
        assertThat(traversal.at("/error/message").asText()).contains("task id");

        // another account's task is not found, as the API's 404 says
        String taskId = rpc(apiKey, "SendMessage", send("what is 5 + 5?", null, null)).at("/result/task/id").asText();
        JsonNode notYours = rpc(gateway.newApiKey(), "GetTask", idParams(taskId));
        assertThat(notYours.at("/error/code").asInt()).as(notYours.toString()).isEqualTo(-32001);

        // no key: HTTP 401 before any method is looked at
        HttpResponse<String> anonymous = gateway.send("POST", "/a2a", null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"GetTask\",\"params\":{\"id\":\"" + taskId + "\"}}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ helpers

    private static ObjectNode send(String text, String skill, String contextId) {
        ObjectNode message = GatewayClient.JSON.createObjectNode().put("messageId", UUID.randomUUID().toString())
                .put("role", "ROLE_USER");
        if (contextId != null) {
            message.put("contextId", contextId);
        }
        message.putArray("parts").addObject().put("text", text);
        ObjectNode params = GatewayClient.JSON.createObjectNode();
        params.set("message", message);
        if (skill != null) {
            params.putObject("metadata").put("skill", skill).put("maxPrice", MAX_PRICE);
        }
        return params;
    }

    private static ObjectNode legacySend(String text, String skill, String contextId) {
        ObjectNode message = GatewayClient.JSON.createObjectNode().put("kind", "message")
                .put("messageId", UUID.randomUUID().toString()).put("role", "user").put("contextId", contextId);
        message.putArray("parts").addObject().put("kind", "text").put("text", text);
        ObjectNode params = GatewayClient.JSON.createObjectNode();
        params.set("message", message);
        params.putObject("metadata").put("skill", skill).put("maxPrice", MAX_PRICE);
        return params;
    }

    private static ObjectNode idParams(String taskId) {
        return GatewayClient.JSON.createObjectNode().put("id", taskId);
    }

    private static JsonNode rpc(String key, String method, JsonNode params) throws Exception {
        ObjectNode request = GatewayClient.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 7)
                .put("method", method);
        request.set("params", params);
        return raw(key, request.toString());
    }

    private static JsonNode raw(String key, String body) throws Exception {
        HttpResponse<String> response = gateway.send("POST", "/a2a", key, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.JSON.readTree(response.body());
    }

    /** A streaming call; each event's JSON-RPC reply goes to {@code events}; completes with the status at its end. */
    private static CompletableFuture<Integer> stream(String key, String method, JsonNode params, List<JsonNode> events) {
        ObjectNode request = GatewayClient.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 9)
                .put("method", method);
        request.set("params", params);
        HttpRequest post = HttpRequest.newBuilder(URI.create(network.gatewayUrl() + "/a2a"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build();
        return HttpClient.newHttpClient().sendAsync(post, HttpResponse.BodyHandlers.ofLines()).thenApply(response -> {
            response.body().filter(line -> line.startsWith("data: ")).forEach(line -> {
                try {
                    events.add(GatewayClient.JSON.readTree(line.substring(6)));
                } catch (java.io.IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            });
            return response.statusCode();
        });
    }

    private static JsonNode runClient(String mode) throws Exception {
        return runScript("lode-client.mjs", mode);
    }

    /** Runs one of the interop scripts against the network as the test's account; what it printed, as JSON. */
    private static JsonNode runScript(String script, String mode) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("node", interop.resolve(script).toString(),
                network.gatewayUrl(), apiKey));
        if (script.equals("lode-client.mjs")) {
            command.add(mode);
        }
        Process node = new ProcessBuilder(command).redirectError(dataDir.resolve(script + "-" + mode + ".err")
                .toFile()).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the JS client finished").isTrue();
        assertThat(node.exitValue()).as("JS client exit (stderr in " + dataDir + ")").isZero();
        return GatewayClient.JSON.readTree(out.get(10, TimeUnit.SECONDS));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new java.util.ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
