package io.lode.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AgentInterfaceTest {

    private static JsonNode card(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void aV1CardNamesItsJsonRpcInterfaceAmongOthers() throws Exception {
        assertThat(AgentInterface.of(card("""
                {"supportedInterfaces":[{"url":"http://a/grpc","protocolBinding":"GRPC"},
                  {"url":"http://a/rpc","protocolBinding":"JSONRPC","protocolVersion":"1.0"}]}""")))
                .contains(new AgentInterface("http://a/rpc", "1.0"));
        assertThat(AgentInterface.of(card("""
                {"supportedInterfaces":[{"url":"http://a/rpc","protocolBinding":"jsonrpc"}]}""")))
                .contains(new AgentInterface("http://a/rpc", "1.0"));
    }

    @Test
    void aV03CardGivesATopLevelUrlAndOnlyJsonRpcCounts() throws Exception {
        assertThat(AgentInterface.of(card("{\"url\":\"http://b/\",\"protocolVersion\":\"0.3.0\"}")))
                .contains(new AgentInterface("http://b/", "0.3.0"));
        assertThat(AgentInterface.of(card("{\"url\":\"http://b/\",\"preferredTransport\":\"GRPC\"}"))).isEmpty();
        assertThat(AgentInterface.of(card("{\"name\":\"no interface\"}"))).isEmpty();
    }
}
