package io.lode.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.util.List;

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

    @Test
    void aV3ReceiptSignsThePanelSoNoJudgeCanBeAddedDroppedOrRescored() {
        List<PanelMedian.Vote> panel = List.of(new PanelMedian.Vote("agt_j1", 0.9, 1.0),
                new PanelMedian.Vote("agt_j2", 0.8, 0.95), new PanelMedian.Vote("agt_j3", 1.0, 1.0));
        String signed = VerdictReceipts.text("tsk_1", "agt_1", "aa", "bb", "PASS", 0.9, "panel", 1_000, 7,
                VerdictReceipts.panelDigest(panel));
        String signature = VerdictReceipts.sign(verifier.getPrivate(), signed);
        assertThat(signed).startsWith(VerdictReceipts.V3 + "\n").endsWith("\n" + VerdictReceipts.panelDigest(panel));
        assertThat(VerdictReceipts.verify(publicKey, signed, signature)).isTrue();

        List<List<PanelMedian.Vote>> altered = List.of(
                List.of(panel.get(0), panel.get(1)),
                List.of(panel.get(0), panel.get(1), new PanelMedian.Vote("agt_thief", 1.0, 1.0)),
                List.of(panel.get(0), new PanelMedian.Vote("agt_j2", 0.9, 0.95), panel.get(2)),
                List.of(panel.get(0), new PanelMedian.Vote("agt_j2", 0.8, 1.0), panel.get(2)),
                List.of());
        for (List<PanelMedian.Vote> other : altered) {
            assertThat(VerdictReceipts.verify(publicKey, VerdictReceipts.text("tsk_1", "agt_1", "aa", "bb", "PASS",
                    0.9, "panel", 1_000, 7, VerdictReceipts.panelDigest(other)), signature)).as(other.toString()).isFalse();
        }
        assertThat(VerdictReceipts.panelDigest(List.of())).isEqualTo(VerdictReceipts.NO_PANEL);
        assertThat(VerdictReceipts.panelDigest(panel)).matches("[0-9a-f]{64}");
    }
}
