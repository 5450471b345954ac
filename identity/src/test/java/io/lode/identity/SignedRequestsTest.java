package io.lode.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SignedRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeyPair keys = AgentKeys.generate();

    @Test
    void aSignedBodyVerifiesWithItsOwnKey() {
        ObjectNode signed = SignedRequests.sign(body(), keys, "n-1", Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(AgentId.of(SignedRequests.verify(signed))).isEqualTo(AgentId.of(keys.getPublic()));
    }

    @Test
    void fieldOrderDoesNotMatterButContentDoes() throws Exception {
        ObjectNode signed = SignedRequests.sign(body(), keys, "n-1", Instant.parse("2030-01-01T00:00:00Z"));
        ObjectNode reordered = (ObjectNode) JSON.readTree("{\"signature\":\"" + signed.get("signature").asText()
                + "\"," + signed.toString().substring(1).replaceAll(",?\"signature\":\"[^\"]*\"", ""));
        assertThat(AgentId.of(SignedRequests.verify(reordered))).isEqualTo(AgentId.of(keys.getPublic()));

        ObjectNode tampered = signed.deepCopy().put("price", 999_999);
        assertThatThrownBy(() -> SignedRequests.verify(tampered))
                .isInstanceOf(SignedRequests.InvalidSignatureException.class).hasMessageContaining("does not match");
    }

    @Test
    void anotherKeyCannotClaimTheBody() {
        ObjectNode signed = SignedRequests.sign(body(), keys, "n-1", Instant.parse("2030-01-01T00:00:00Z"));
        signed.put("publicKey", AgentKeys.encodePublic(AgentKeys.generate().getPublic()));

        assertThatThrownBy(() -> SignedRequests.verify(signed)).isInstanceOf(SignedRequests.InvalidSignatureException.class);
    }

    @Test
    void missingOrMalformedFieldsSayWhichField() {
        assertThatThrownBy(() -> SignedRequests.verify(body())).hasMessageContaining("publicKey");
        ObjectNode badKey = body().put("publicKey", "AAAA").put("signature", "AAAA");
        assertThatThrownBy(() -> SignedRequests.verify(badKey)).hasMessageContaining("32 bytes");
    }

    @Test
    void canonicalFormIsRfc8785() throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree("{\"b\":1,\"a\":\"\\u00e9\\n\",\"c\":[true,null,1.0E2]}");

        assertThat(new String(SignedRequests.canonical(node), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":\"é\\n\",\"b\":1,\"c\":[true,null,100]}");
    }

    @Test
    void agentIdIsDerivedFromTheKey() {
        String id = AgentId.of(keys.getPublic());
        assertThat(AgentId.looksValid(id)).isTrue();
        assertThat(id).isEqualTo("agt_" + AgentId.sha256Hex(AgentKeys.raw(keys.getPublic())).substring(0, 32));
        assertThat(AgentKeys.decodePublic(AgentKeys.encodePublic(keys.getPublic()))).isEqualTo(keys.getPublic());
    }

    private static ObjectNode body() {
        return JSON.createObjectNode().put("endpoint", "http://127.0.0.1:9/a2a").put("price", 1000);
    }
}
