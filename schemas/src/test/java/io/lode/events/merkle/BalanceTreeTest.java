package io.lode.events.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BalanceTreeTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 100})
    void everyAccountHasAProofThatVerifiesAgainstTheRoot(int accounts) {
        Map<String, Long> balances = new HashMap<>();
        for (int i = 0; i < accounts; i++) {
            balances.put("acc_" + i, (long) i * 1_000);
        }
        BalanceTree tree = new BalanceTree(balances);

        for (String account : balances.keySet()) {
            InclusionProof proof = tree.proof(7, account);
            assertThat(proof.verifies(tree.rootHex())).as(account).isTrue();
            assertThat(proof.balance()).isEqualTo(balances.get(account));
        }
    }

    @Test
    void aTamperedBalancePathOrRootDoesNotVerify() {
        BalanceTree tree = new BalanceTree(Map.of("a", 1L, "b", 2L, "c", 3L, "d", 4L));
        InclusionProof proof = tree.proof(1, "c");

        assertThat(new InclusionProof(1, "c", 30L, proof.path(), proof.root()).verifies(tree.rootHex())).isFalse();
        assertThat(new InclusionProof(1, "d", 3L, proof.path(), proof.root()).verifies(tree.rootHex())).isFalse();
        List<InclusionProof.Step> flipped = proof.path().stream().map(s -> new InclusionProof.Step(
                s.side() == InclusionProof.Side.LEFT ? InclusionProof.Side.RIGHT : InclusionProof.Side.LEFT, s.hash()))
                .toList();
        assertThat(new InclusionProof(1, "c", 3L, flipped, proof.root()).verifies(tree.rootHex())).isFalse();
        assertThat(proof.verifies("00" + tree.rootHex().substring(2))).isFalse();
    }

    @Test
    void theRootDependsOnEveryBalanceButNotOnInsertionOrder() {
        Map<String, Long> balances = new TreeMap<>(Map.of("x", 5L, "y", 6L, "z", 7L));
        Map<String, Long> shuffled = new HashMap<>(Map.of("z", 7L, "x", 5L, "y", 6L));

        assertThat(new BalanceTree(balances).rootHex()).isEqualTo(new BalanceTree(shuffled).rootHex());
        assertThat(new BalanceTree(Map.of("x", 5L, "y", 6L, "z", 8L)).rootHex())
                .isNotEqualTo(new BalanceTree(balances).rootHex());
    }

    @Test
    void anEmptyTreeHasTheHashOfNothingAndNoProofs() {
        BalanceTree empty = new BalanceTree(Map.of());

        assertThat(empty.rootHex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(empty.proof(1, "a")).isNull();
    }
}
