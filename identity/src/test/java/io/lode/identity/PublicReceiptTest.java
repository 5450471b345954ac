package io.lode.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A receipt a consumer is shown holds against the verifier's keys alone, and no field of it can be changed. */
class PublicReceiptTest {

    private static final KeyPair VERIFIER = AgentKeys.generate();
    private static final String KEY = AgentKeys.encodePublic(VERIFIER.getPublic());
    private static final VerifierKeyring RING = new VerifierKeyring(List.of(new VerifierKeyring.Key(KEY,
            Instant.parse("2026-01-01T00:00:00Z"), null)));
    private static final long SIGNED_AT = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli() * 1000;

    private static ObjectNode signed() {
        String text = VerdictReceipts.text("tsk_1", "agt_a", "aa", "bb", "PASS", 1.0, "arithmetic", 950, SIGNED_AT,
                VerdictReceipts.NO_PANEL);
        return new PublicReceipt(VerdictReceipts.V3, "tsk_1", "agt_a", "aa", "bb", "PASS", 1.0, "arithmetic", 950,
                SIGNED_AT, VerdictReceipts.NO_PANEL, KEY, VerdictReceipts.sign(VERIFIER.getPrivate(), text)).toJson();
    }

    @Test
    void anIssuedReceiptHoldsAndEveryAlteredFieldBreaksIt() {
        assertThat(PublicReceipt.parse(signed()).problem(RING)).isEmpty();
        for (String field : List.of("taskId", "agentId", "requestDigest", "responseDigest", "verdict", "method",
                "panelDigest")) {
            ObjectNode altered = signed().put(field, "x");
            assertThat(PublicReceipt.parse(altered).problem(RING)).as(field).isPresent();
        }
        assertThat(PublicReceipt.parse(signed().put("score", 0.5)).problem(RING)).isPresent();
        assertThat(PublicReceipt.parse(signed().put("price", 951)).problem(RING)).isPresent();
        assertThat(PublicReceipt.parse(signed().put("signedAtMicros", SIGNED_AT + 1)).problem(RING)).isPresent();
    }

    @Test
    void aReceiptSignedByAnotherKeyOrInAnUnknownFormatDoesNotHold() {
        String other = AgentKeys.encodePublic(AgentKeys.generate().getPublic());
        assertThat(PublicReceipt.parse(signed().put("verifierKey", other)).problem(RING)).get().asString()
                .contains("not a key the verifier publishes");
        assertThat(PublicReceipt.parse(signed().put("format", "lode-receipt/v9")).problem(RING)).get().asString()
                .contains("unknown receipt format");
        assertThatThrownBy(() -> PublicReceipt.parse(signed().put("signature", 5)))
                .hasMessageContaining("signature");
    }
}
