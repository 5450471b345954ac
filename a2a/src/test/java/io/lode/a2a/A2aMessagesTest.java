package io.lode.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Wire shapes as the official A2A JS SDK sends and serves them (shared A2A notes). */
class A2aMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void v1RequestsUseSendMessageAndProtoRoles() {
        ObjectNode request = A2aMessages.sendMessage("1.0", false, 2, "hi v1.0");

        assertThat(request.get("method").asText()).isEqualTo("SendMessage");
        assertThat(request.at("/params/message/role").asText()).isEqualTo("ROLE_USER");
        assertThat(request.at("/params/message/parts/0/text").asText()).isEqualTo("hi v1.0");
        assertThat(request.at("/params/message/parts/0/kind").isMissingNode()).isTrue();
    }

    @Test
    void v03RequestsUseMessageSendWithKinds() {
        ObjectNode request = A2aMessages.sendMessage("0.3.0", false, 1, "hi v0.3");

        assertThat(request.get("method").asText()).isEqualTo("message/send");
        assertThat(request.at("/params/message/kind").asText()).isEqualTo("message");
        assertThat(request.at("/params/message/role").asText()).isEqualTo("user");
        assertThat(request.at("/params/message/parts/0/kind").asText()).isEqualTo("text");
    }

    @Test
    void aDataPartGoesAfterTheTextInEachVersionsShape() throws Exception {
        JsonNode data = JSON.readTree("{\"lode\":\"review/v1\",\"task\":\"t\",\"answer\":\"a\"}");
        ObjectNode v1 = A2aMessages.sendMessage("1.0", false, 1, "review this", data);
        assertThat(v1.at("/params/message/parts/1/data")).isEqualTo(data);
        assertThat(v1.at("/params/message/parts/1/mediaType").asText()).isEqualTo("application/json");
        assertThat(v1.at("/params/message/parts/1/kind").isMissingNode()).isTrue();
        ObjectNode v03 = A2aMessages.sendMessage("0.3.0", false, 1, "review this", data);
        assertThat(v03.at("/params/message/parts/1/kind").asText()).isEqualTo("data");
        assertThat(v03.at("/params/message/parts/1/data")).isEqualTo(data);
        assertThat(A2aMessages.sendMessage("1.0", false, 1, "plain", null).at("/params/message/parts")).hasSize(1);
    }

    @Test
    void aDataPartOfTheReplyIsKeptAsItsJsonOnALineOfItsOwn() throws Exception {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"message\":{\"role\":\"ROLE_AGENT\","
                + "\"parts\":[{\"text\":\"right\\nSCORE: 10\"},{\"data\":{\"score\":1.0}}]}}}"))
                .isEqualTo("right\nSCORE: 10\n{\"score\":1.0}");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"kind\":\"task\",\"status\":{\"state\":"
                + "\"completed\"},\"artifacts\":[{\"parts\":[{\"kind\":\"data\",\"data\":{\"score\":0.2}},"
                + "{\"kind\":\"text\",\"text\":\"a\"},{\"kind\":\"text\",\"text\":\"b\"}]}]}}"))
                .isEqualTo("{\"score\":0.2}\nab");
    }

    @Test
    void streamingCallsUseTheStreamingMethods() {
        assertThat(A2aMessages.sendMessage("1.0", true, 1, "x").get("method").asText()).isEqualTo("SendStreamingMessage");
        assertThat(A2aMessages.sendMessage("0.3", true, 1, "x").get("method").asText()).isEqualTo("message/stream");
    }

    @Test
    void theChunksOfAStreamedArtifactRunOnAndArtifactsTakeALineEach() throws Exception {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{\"task\":{\"status\":{\"state\":"
                + "\"TASK_STATE_COMPLETED\"},\"artifacts\":[{\"artifactId\":\"answer\",\"parts\":[{\"text\":\"echo: \"},"
                + "{\"text\":\"hello\"}]},{\"artifactId\":\"note\",\"parts\":[{\"text\":\"done\"}]}]}}}"))
                .isEqualTo("echo: hello\ndone");
    }

    @Test
    void readsTheAnswerOfEveryReplyShape() throws Exception {
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_AGENT\","
                + "\"parts\":[{\"text\":\"echo: hi v1.0\",\"mediaType\":\"text/plain\"}]}}}")).isEqualTo("echo: hi v1.0");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"kind\":\"message\",\"messageId\":\"m\",\"role\":\"agent\","
                + "\"parts\":[{\"kind\":\"text\",\"text\":\"echo: hi v0.3\"}]}}")).isEqualTo("echo: hi v0.3");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"task\":{\"id\":\"t\",\"status\":{\"state\":"
                + "\"TASK_STATE_COMPLETED\"},\"artifacts\":[{\"parts\":[{\"text\":\"391\"}]}]}}}")).isEqualTo("391");
        assertThat(answer("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{\"kind\":\"task\",\"id\":\"t\",\"status\":{\"state\":"
                + "\"completed\"},\"artifacts\":[{\"parts\":[{\"kind\":\"text\",\"text\":\"42\"}]}]}}")).isEqualTo("42");
    }

    @Test
    void rejectsErrorsUnfinishedTasksAndReplyWithoutText() {
        assertThatThrownBy(() -> answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"Invalid method\"}}"))
                .hasMessageContaining("-32601").hasMessageContaining("Invalid method");
        assertThatThrownBy(() -> answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"task\":{\"status\":{\"state\":"
                + "\"TASK_STATE_WORKING\"}}}}")).hasMessageContaining("TASK_STATE_WORKING");
        assertThatThrownBy(() -> answer("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"message\":{\"parts\":[]}}}"))
                .hasMessageContaining("no text");
        assertThatThrownBy(() -> answer("{\"jsonrpc\":\"2.0\",\"id\":1}")).hasMessageContaining("neither");
    }

    private static String answer(String reply) throws Exception {
        JsonNode json = JSON.readTree(reply);
        return A2aMessages.answerText(json);
    }
}
