package io.lode.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

class AgentInterfaceTest {

    private static ObjectNode card() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void aV1CardNamesItsJsonRpcInterfaceAmongOthers() {
        ObjectNode v1 = card();
        v1.putArray("supportedInterfaces")
                .add(card().put("url", "http://a/grpc").put("protocolBinding", "GRPC"))
                .add(card().put("url", "http://a/rpc").put("protocolBinding", "JSONRPC").put("protocolVersion", "1.0"));
        assertThat(AgentInterface.of(v1)).contains(new AgentInterface("http://a/rpc", "1.0"));

        ObjectNode noVersion = card();
        noVersion.putArray("supportedInterfaces").add(card().put("url", "http://a/rpc").put("protocolBinding", "jsonrpc"));
        assertThat(AgentInterface.of(noVersion)).contains(new AgentInterface("http://a/rpc", "1.0"));
    }

    @Test
    void aV03CardGivesATopLevelUrlAndOnlyJsonRpcCounts() {
        assertThat(AgentInterface.of(card().put("url", "http://b/").put("protocolVersion", "0.3.0")))
                .contains(new AgentInterface("http://b/", "0.3.0"));
        assertThat(AgentInterface.of(card().put("url", "http://b/").put("preferredTransport", "GRPC"))).isEmpty();
        assertThat(AgentInterface.of(card().put("name", "no interface"))).isEmpty();
    }
}
