package io.lode.reward.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LedgerTransactionTest {

    @Test
    void rejectsPostingsThatDoNotSumToZero() {
        assertThatThrownBy(() -> new LedgerTransaction("X", null, null,
                List.of(new Posting("a", -5), new Posting("b", 4)))).hasMessageContaining("sum to -1");
    }

    @Test
    void mergesLegsOnOneAccountAndDropsZeroLegs() {
        LedgerTransaction transaction = new LedgerTransaction("X", null, null, List.of(
                new Posting("a", -5), new Posting("b", 3), new Posting("b", 2), new Posting("c", 0)));

        assertThat(transaction.postings()).containsExactly(new Posting("a", -5), new Posting("b", 5));
    }

    @Test
    void rejectsATransactionThatMovesNothing() {
        assertThatThrownBy(() -> new LedgerTransaction("X", null, null, List.of(new Posting("a", 0))))
                .hasMessageContaining("moves nothing");
    }
}
