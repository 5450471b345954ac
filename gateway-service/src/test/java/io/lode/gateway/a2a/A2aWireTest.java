package io.lode.gateway.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The A2A shapes of the network's tasks, in both protocol versions, and what a SendMessage may ask. */
class A2aWireTest {

    private static final ObjectMapper JSON = io.lode.gateway.TestJson.MAPPER;

    private static JsonNode lodeTask(String status) throws Exception {
        return JSON.readTree("""
                {"taskId":"tsk_1","status":"%s","input":"what is 2 + 2?","updatedAt":"2026-12-07T10:00:00Z",
                 "result":{"agentId":"agt_a","output":"4","mediaType":"text/plain"},
                 "verdict":{"verdict":"PASS","method":"arithmetic","score":1.0,"evidence":"4 is 2 + 2",
                            "receipt":{"signature":"sig","verifierKey":"key"}},
                 "fee":{"charged":1000,"paidToAgent":950,"protocolFee":50},
                 "hold":{"until":"2026-12-07T11:00:00Z"},"reason":"no agent answered"}""".formatted(status));
    }

    @ParameterizedTest(name = "{0} is {1} in v1.0 and {2} in v0.3")
    @CsvSource({"SUBMITTED, TASK_STATE_SUBMITTED, submitted", "ESCROWED, TASK_STATE_WORKING, working",
            "DISPATCHED, TASK_STATE_WORKING, working", "RESULT_RECEIVED, TASK_STATE_WORKING, working",
            "HELD, TASK_STATE_COMPLETED, completed", "COMPLETED, TASK_STATE_COMPLETED, completed",
            "FAILED, TASK_STATE_FAILED, failed", "EXPIRED, TASK_STATE_FAILED, failed",
            "CANCELED, TASK_STATE_CANCELED, canceled"})
    void everyStatusHasItsStateInBothVersions(String lode, String v1, String legacy) {
        assertThat(A2aWire.state(lode, false)).isEqualTo(v1);
        assertThat(A2aWire.state(lode, true)).isEqualTo(legacy);
    }

    @Test
    void aV1TaskCarriesTheAnswerAndTheFactsThatMakeItCheckable() throws Exception {
        JsonNode task = A2aWire.task(lodeTask("COMPLETED"), "ctx-9", false, true);
        assertThat(task.has("kind")).isFalse();
        assertThat(task.path("id").asText()).isEqualTo("tsk_1");
        assertThat(task.path("contextId").asText()).isEqualTo("ctx-9");
        assertThat(task.at("/status/state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(task.at("/status/message").isMissingNode()).isTrue();
        assertThat(task.at("/artifacts/0/artifactId").asText()).isEqualTo("answer");
        assertThat(task.at("/artifacts/0/parts/0/text").asText()).isEqualTo("4");
        assertThat(task.at("/artifacts/0/parts/1/mediaType").asText()).isEqualTo("application/json");
        assertThat(task.at("/artifacts/0/parts/1/data/verdict/receipt/signature").asText()).isEqualTo("sig");
        assertThat(task.at("/artifacts/0/parts/1/data/fee/paidToAgent").asLong()).isEqualTo(950);
        assertThat(task.at("/history/0/role").asText()).isEqualTo("ROLE_USER");
        assertThat(task.at("/history/0/parts/0/text").asText()).isEqualTo("what is 2 + 2?");
        assertThat(A2aWire.taskResult(A2aWire.task(lodeTask("COMPLETED"), "c", false, true), false).has("task"))
                .isTrue();
    }

    @Test
    void aV03TaskIsTaggedWithKindsAndLowerCaseStates() throws Exception {
        JsonNode task = A2aWire.task(lodeTask("FAILED"), "ctx-9", true, true);
        assertThat(task.path("kind").asText()).isEqualTo("task");
        assertThat(task.at("/status/state").asText()).isEqualTo("failed");
        assertThat(task.at("/status/message/role").asText()).isEqualTo("agent");
        assertThat(task.at("/status/message/parts/0/kind").asText()).isEqualTo("text");
        assertThat(task.at("/status/message/parts/0/text").asText()).isEqualTo("no agent answered");
        assertThat(task.at("/artifacts/0/parts/1/kind").asText()).isEqualTo("data");
        assertThat(A2aWire.taskResult((com.fasterxml.jackson.databind.node.ObjectNode) task, true)).isSameAs(task);
    }

    @Test
    void aHeldAnswerIsCompletedAndSaysUntilWhenItMayBeDisputed() throws Exception {
        JsonNode task = A2aWire.task(lodeTask("HELD"), "c", false, true);
        assertThat(task.at("/status/state").asText()).isEqualTo("TASK_STATE_COMPLETED");
        assertThat(task.at("/status/message/parts/0/text").asText()).contains("2026-12-07T11:00:00Z", "/dispute");
        assertThat(task.at("/metadata/lode/status").asText()).isEqualTo("HELD");
    }

    @Test
    void streamEventsAreWrappedInV1AndTaggedInV03() {
        JsonNode v1 = A2aWire.partial("tsk_1", "c", "four", true, false);
        assertThat(v1.at("/artifactUpdate/append").asBoolean()).isTrue();
        assertThat(v1.at("/artifactUpdate/artifact/parts/0/text").asText()).isEqualTo("four");
        JsonNode legacy = A2aWire.statusUpdate("tsk_1", "c", JSON.createObjectNode().put("state", "completed"), true,
                true);
        assertThat(legacy.path("kind").asText()).isEqualTo("status-update");
        assertThat(legacy.path("final").asBoolean()).isTrue();
        assertThat(A2aWire.statusUpdate("tsk_1", "c", JSON.createObjectNode(), true, false).at("/statusUpdate/final")
                .isMissingNode()).isTrue();
    }

    @Test
    void methodsOfBothVersionsAreKnown() {
        assertThat(A2aWire.canonical("message/send")).isEqualTo("SendMessage");
        assertThat(A2aWire.canonical("tasks/resubscribe")).isEqualTo("SubscribeToTask");
        assertThat(A2aWire.isLegacy("tasks/get")).isTrue();
        assertThat(A2aWire.isLegacy("GetTask")).isFalse();
        assertThat(A2aWire.canonical("GetTask")).isEqualTo("GetTask");
    }

    @Test
    void aSendMessageBecomesATaskOfItsTextWithItsOptions() throws Exception {
        Submission v1 = Submission.of(JSON.readTree("""
                {"message":{"messageId":"m-1","contextId":"ctx-1","role":"ROLE_USER",
                            "parts":[{"text":"what is"},{"text":"2 + 2?"},{"data":{"ignored":true}}]},
                 "configuration":{"returnImmediately":true},
                 "metadata":{"skill":"arithmetic","maxPrice":900,"redundancy":2}}"""), false);
        assertThat(v1.body().path("input").asText()).isEqualTo("what is\n2 + 2?");
        assertThat(v1.body().path("skill").asText()).isEqualTo("arithmetic");
        assertThat(v1.body().path("maxPrice").asLong()).isEqualTo(900);
        assertThat(v1.body().path("redundancy").asInt()).isEqualTo(2);
        assertThat(v1.contextId()).isEqualTo("ctx-1");
        assertThat(v1.returnImmediately()).isTrue();

        Submission legacy = Submission.of(JSON.readTree("""
                {"message":{"kind":"message","messageId":"m-2","role":"user",
                            "parts":[{"kind":"text","text":"hello"}]},"configuration":{"blocking":true}}"""), true);
        assertThat(legacy.body().path("input").asText()).isEqualTo("hello");
        assertThat(legacy.returnImmediately()).isFalse();
        assertThat(legacy.contextId()).isNotBlank();
        assertThat(Submission.of(JSON.readTree("""
                {"message":{"kind":"message","messageId":"m-3","role":"user","parts":[{"kind":"text","text":"hi"}]},
                 "configuration":{"blocking":false}}"""), true).returnImmediately()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"message\":{\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}]}}| messageId is required",
            "{\"message\":{\"messageId\":\"m\",\"parts\":[]}}| no text part",
            "{\"message\":{\"messageId\":\"m\",\"parts\":[{\"text\":\"  \"}]}}| no text part",
            "{\"message\":{\"messageId\":\"m id\",\"parts\":[{\"text\":\"x\"}]}}| messageId must be",
            "{\"message\":{\"messageId\":\"m\",\"contextId\":\"a/b\",\"parts\":[{\"text\":\"x\"}]}}| contextId must be",
            "{\"message\":{\"messageId\":\"m\",\"parts\":[{\"text\":\"x\"}]},\"metadata\":{\"maxPrice\":1.5}}| maxPrice must be",
            "{\"message\":{\"messageId\":\"m\",\"parts\":[{\"text\":\"x\"}]},\"metadata\":{\"skill\":7}}| skill must be",
            "{\"message\":{\"messageId\":\"m\",\"taskId\":\"tsk_1\",\"parts\":[{\"text\":\"x\"}]}}| one message",
            "{\"message\":{\"messageId\":\"m\",\"parts\":[{\"url\":\"http://x\"}]}}| file part",
            "{}| params.message is required"})
    void aMessageTheNetworkCannotTakeIsRefusedWithWhy(String params, String why) throws Exception {
        assertThatThrownBy(() -> Submission.of(JSON.readTree(params), false)).isInstanceOf(JsonRpcError.class)
                .hasMessageContaining(why.strip());
    }

    @Test
    void aWebhookIsReadInBothVersionsAndItsCredentialsAreNeverShownBack() throws Exception {
        PushRequest v1 = PushRequest.of(JSON.readTree("""
                {"url":"https://hooks.example.org/a","token":"t","authentication":{"scheme":"bearer","credentials":"c"}}"""),
                false, "message-m1");
        assertThat(v1.configId()).isEqualTo("message-m1");
        assertThat(v1.authScheme()).isEqualTo("Bearer");
        PushRequest legacy = PushRequest.of(JSON.readTree("""
                {"id":"p-1","url":"http://hooks.example.org/b","authentication":{"schemes":["Basic"],"credentials":"dTpw"}}"""),
                true);
        assertThat(legacy.configId()).isEqualTo("p-1");
        assertThat(legacy.authScheme()).isEqualTo("Basic");
        PushConfigs.PushConfig stored = new PushConfigs.PushConfig("tsk_1", "p-1", "acc", "ctx", true,
                legacy.url().toString(), null, legacy.authScheme(), legacy.authCredentials(), null, 0, null, null);
        JsonNode shown = PushRequest.shown(stored, true);
        assertThat(shown.at("/pushNotificationConfig/authentication/schemes/0").asText()).isEqualTo("Basic");
        assertThat(shown.toString()).doesNotContain("dTpw");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"token\":\"t\"}| url is required",
            "{\"url\":\"ftp://x.org/\"}| http or https",
            "{\"url\":\"https:///nohost\"}| http or https",
            "{\"url\":\"https://x.org/\",\"token\":\"a\\nb\"}| printable",
            "{\"url\":\"https://x.org/\",\"authentication\":{\"scheme\":\"Digest\",\"credentials\":\"c\"}}| Bearer or Basic",
            "{\"url\":\"https://x.org/\",\"authentication\":{\"scheme\":\"Bearer\"}}| credentials is required"})
    void aWebhookTheGatewayWillNotCallIsRefusedWithWhy(String config, String why) throws Exception {
        assertThatThrownBy(() -> PushRequest.of(JSON.readTree(config), false)).isInstanceOf(JsonRpcError.class)
                .hasMessageContaining(why.strip());
    }
}
