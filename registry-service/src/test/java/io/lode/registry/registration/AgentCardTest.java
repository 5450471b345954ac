package io.lode.registry.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Card shapes as the official A2A JS SDK serves them (see shared A2A notes). */
class AgentCardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String V1_CARD = """
            {"name":"reverser","description":"reverses text","version":"1.0.0",
             "supportedInterfaces":[{"url":"http://127.0.0.1:42265/a2a/jsonrpc","protocolBinding":"JSONRPC","tenant":"","protocolVersion":"1.0"}],
             "capabilities":{"streaming":false,"pushNotifications":false,
               "extensions":[{"uri":"urn:lode:identity:v1","description":"key that owns this agent","required":false,
                              "params":{"publicKey":"H-7w1p2sdqhFtWyAVceRo4-xfcS4g8yo1iy9il-3bFo"}}]},
             "securitySchemes":{},"securityRequirements":[],"defaultInputModes":["text/plain"],"defaultOutputModes":["text/plain"],
             "skills":[{"inputModes":[],"outputModes":[],"securityRequirements":[],"examples":[],"id":"reverse-text",
                        "name":"Reverse text","description":"Reverses text","tags":["text"]}],
             "signatures":[]}""";

    private static final String V03_CARD = """
            {"name":"echo","description":"echoes","url":"http://127.0.0.1:5000/a2a","protocolVersion":"0.3.0",
             "preferredTransport":"JSONRPC","version":"1",
             "capabilities":{"extensions":[{"uri":"urn:lode:identity:v1","params":{"publicKey":"abc"}}]},
             "skills":[{"id":"echo","name":"Echo","tags":["text","echo"]}]}""";

    @Test
    void readsAV1Card() throws Exception {
        AgentCard card = AgentCard.parse(JSON.readTree(V1_CARD));

        assertThat(card.endpoint()).isEqualTo("http://127.0.0.1:42265/a2a/jsonrpc");
        assertThat(card.protocolVersion()).isEqualTo("1.0");
        assertThat(card.identityKey()).isEqualTo("H-7w1p2sdqhFtWyAVceRo4-xfcS4g8yo1iy9il-3bFo");
        assertThat(card.skills()).extracting(AgentCard.Skill::id).containsExactly("reverse-text");
        assertThat(card.streaming()).isFalse();
    }

    @Test
    void readsWhetherTheAgentStreams() throws Exception {
        assertThat(AgentCard.parse(JSON.readTree(V1_CARD.replace("\"streaming\":false", "\"streaming\":true")))
                .streaming()).isTrue();
        assertThat(AgentCard.parse(JSON.readTree(V03_CARD)).streaming()).as("no streaming capability declared").isFalse();
    }

    @Test
    void readsAV03Card() throws Exception {
        AgentCard card = AgentCard.parse(JSON.readTree(V03_CARD));

        assertThat(card.endpoint()).isEqualTo("http://127.0.0.1:5000/a2a");
        assertThat(card.protocolVersion()).isEqualTo("0.3.0");
        assertThat(card.identityKey()).isEqualTo("abc");
        assertThat(card.skills().get(0).tags()).containsExactly("text", "echo");
    }

    @Test
    void saysWhatACardLacks() throws Exception {
        assertThatThrownBy(() -> AgentCard.parse(JSON.readTree("{\"name\":\"x\",\"skills\":[]}")))
                .hasMessageContaining("JSONRPC interface");
        assertThatThrownBy(() -> AgentCard.parse(JSON.readTree(
                "{\"name\":\"x\",\"url\":\"http://a/\",\"skills\":[]}"))).hasMessageContaining("no skills");
        assertThatThrownBy(() -> AgentCard.parse(JSON.readTree(
                "{\"name\":\"x\",\"url\":\"http://a/\",\"skills\":[{\"id\":\"s\"}]}"))).hasMessageContaining("'name'");
        assertThatThrownBy(() -> AgentCard.parse(JSON.readTree("[]"))).hasMessageContaining("not a JSON object");
    }

    @Test
    void textsThatShowNothingOrHoldControlCharactersAreRefused() throws Exception {
        for (String invisible : new String[] {"\u200b", "\u200b\u2060\ufeff", " \u200d "}) {
            assertThatThrownBy(() -> AgentCard.parse(JSON.readTree(V03_CARD.replace("\"name\":\"Echo\"",
                    "\"name\":" + JSON.writeValueAsString(invisible))))).as("skill name %s", invisible)
                    .isInstanceOf(AgentCard.InvalidCardException.class).hasMessageContaining("shows nothing");
        }
        assertThatThrownBy(() -> AgentCard.parse(JSON.readTree(V1_CARD.replace("Reverses text", "Reverses\\u0000"))))
                .isInstanceOf(AgentCard.InvalidCardException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> AgentCard.parse(JSON.readTree(V03_CARD.replace("\"echo\"]", "\"e\\u0000\"]"))))
                .isInstanceOf(AgentCard.InvalidCardException.class).hasMessageContaining("control character");
    }

    @Test
    void aCardWithoutTheIdentityExtensionHasNoKey() throws Exception {
        AgentCard card = AgentCard.parse(JSON.readTree(V03_CARD.replace("urn:lode:identity:v1", "urn:other")));

        assertThat(card.identityKey()).isNull();
    }
}
