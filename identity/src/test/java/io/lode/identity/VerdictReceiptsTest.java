package io.lode.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;

import org.junit.jupiter.api.Test;

class VerdictReceiptsTest {

    private final KeyPair verifier = AgentKeys.generate();
    private final String publicKey = AgentKeys.encodePublic(verifier.getPublic());
    private final String text = VerdictReceipts.text("tsk_1", "agt_1", "aa", "bb", "PASS", 1.0, "arithmetic");

    @Test
    void aReceiptVerifiesWithTheVerifiersKeyAndIsDeterministic() {
        String signature = VerdictReceipts.sign(verifier.getPrivate(), text);
        assertThat(VerdictReceipts.verify(publicKey, text, signature)).isTrue();
        assertThat(VerdictReceipts.sign(verifier.getPrivate(), text)).isEqualTo(signature);
    }

    @Test
    void anyChangedFieldOrAnotherKeyBreaksTheReceipt() {
        String signature = VerdictReceipts.sign(verifier.getPrivate(), text);
        String flipped = VerdictReceipts.text("tsk_1", "agt_1", "aa", "bb", "FAIL", 1.0, "arithmetic");
        String otherResponse = VerdictReceipts.text("tsk_1", "agt_1", "aa", "cc", "PASS", 1.0, "arithmetic");
        assertThat(VerdictReceipts.verify(publicKey, flipped, signature)).isFalse();
        assertThat(VerdictReceipts.verify(publicKey, otherResponse, signature)).isFalse();
        assertThat(VerdictReceipts.verify(AgentKeys.encodePublic(AgentKeys.generate().getPublic()), text, signature))
                .isFalse();
        assertThat(VerdictReceipts.verify(publicKey, text, "not-a-signature")).isFalse();
    }
}
