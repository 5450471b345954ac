package io.lode.reward.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lode.reward.escrow.Settlement.Escrow;
import io.lode.reward.ledger.Accounts;
import io.lode.reward.ledger.Posting;

class SettlementTest {

    private final Settlement settlement = new Settlement(500);

    @Test
    void aPassPaysThePriceMinusTheFeeAndRefundsTheRest() {
        Escrow escrow = new Escrow("tsk_1", "acc_1", 10_000, 1);

        Settlement.Release release = settlement.release(escrow, "agt_1", 1_000, List.of());

        assertThat(release.paidToAgent()).isEqualTo(950);
        assertThat(release.protocolFee()).isEqualTo(50);
        assertThat(release.refunded()).isEqualTo(9_000);
        assertThat(release.transaction().postings()).containsExactlyInAnyOrder(
                new Posting(Accounts.escrowOf("tsk_1"), -10_000), new Posting("agt_1", 950),
                new Posting(Accounts.TREASURY, 50), new Posting("acc_1", 9_000));
    }

    @Test
    void aPriceOfTheWholeEscrowLeavesNoRefundLeg() {
        Settlement.Release release = settlement.release(new Escrow("tsk_1", "acc_1", 1_000, 1), "agt_1", 1_000,
                List.of());

        assertThat(release.transaction().postings()).extracting(Posting::accountId).doesNotContain("acc_1");
    }

    @Test
    void refusesToPayMoreThanWasEscrowed() {
        assertThatThrownBy(() -> settlement.release(new Escrow("tsk_1", "acc_1", 100, 1), "agt_1", 101, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theJudgesWhoPassedTheWorkShareAQuarterOfThePriceEquallyAndTheDustStaysWithTheAgent() {
        Escrow escrow = new Escrow("tsk_1", "acc_1", 10_000, 1);

        Settlement.Release release = settlement.release(escrow, "agt_1", 1_000, List.of("agt_j1", "agt_j2", "agt_j3"));

        // 1,000: fee 50, the judges' quarter 250 → 83 each (249), the agent 1,000 − 50 − 249.
        assertThat(release.judgesPaid()).isEqualTo(Map.of("agt_j1", 83L, "agt_j2", 83L, "agt_j3", 83L));
        assertThat(release.paidToAgent()).isEqualTo(701);
        assertThat(release.transaction().postings()).containsExactlyInAnyOrder(
                new Posting(Accounts.escrowOf("tsk_1"), -10_000), new Posting("agt_1", 701),
                new Posting(Accounts.TREASURY, 50), new Posting("acc_1", 9_000), new Posting("agt_j1", 83),
                new Posting("agt_j2", 83), new Posting("agt_j3", 83));
    }

    @Test
    void aRedundantPaymentPaysItsJudgesAndLeavesTheRestInEscrow() {
        Settlement.Release release = settlement.pay(new Escrow("tsk_1", "acc_1", 3_000, 3), "agt_1", 1_000,
                List.of("agt_j1"));

        assertThat(release.judgesPaid()).isEqualTo(Map.of("agt_j1", 250L));
        assertThat(release.refunded()).isZero();
        assertThat(release.transaction().postings()).containsExactlyInAnyOrder(
                new Posting(Accounts.escrowOf("tsk_1"), -1_000), new Posting("agt_1", 700),
                new Posting(Accounts.TREASURY, 50), new Posting("agt_j1", 250));
    }

    @Test
    void judgesAreNeverPaidMoreThanIsLeftAfterTheProtocolFeeNorAZeroLeg() {
        Settlement greedy = new Settlement(9_500);
        Settlement.Release release = greedy.release(new Escrow("tsk_1", "acc_1", 1_000, 1), "agt_1", 1_000,
                List.of("agt_j1", "agt_j2"));
        assertThat(release.protocolFee()).isEqualTo(950);
        assertThat(release.judgesPaid()).isEqualTo(Map.of("agt_j1", 25L, "agt_j2", 25L));
        assertThat(release.paidToAgent()).isZero();

        Settlement.Release tiny = settlement.release(new Escrow("tsk_2", "acc_1", 5, 1), "agt_1", 5,
                List.of("agt_j1", "agt_j2", "agt_j3"));
        assertThat(tiny.judgesPaid()).isEmpty();
        assertThat(tiny.transaction().postings()).extracting(Posting::accountId).doesNotContain("agt_j1");
    }

    @Test
    void aRefundEmptiesTheEscrow() {
        var refund = settlement.refund(new Escrow("tsk_1", "acc_1", 700, 1), "failed");

        assertThat(refund.postings()).containsExactlyInAnyOrder(
                new Posting(Accounts.escrowOf("tsk_1"), -700), new Posting("acc_1", 700));
    }

    @Test
    void reserveIsMaxPriceTimesRedundancyWithoutOverflow() {
        assertThat(Settlement.reserveFor(1_000, 3)).isEqualTo(3_000);
        assertThatThrownBy(() -> Settlement.reserveFor(Long.MAX_VALUE, 2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Settlement.reserveFor(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void protocolFeeMustBeAShare() {
        assertThatThrownBy(() -> new Settlement(10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Settlement(0).protocolFee(999)).isZero();
    }

    @Test
    void theProtocolFeeRoundsUpSoEveryPaidTaskPaysOne() {
        Settlement fivePercent = new Settlement(500);
        assertThat(fivePercent.protocolFee(1)).isEqualTo(1);
        assertThat(fivePercent.protocolFee(19)).isEqualTo(1);
        assertThat(fivePercent.protocolFee(21)).isEqualTo(2);
        assertThat(fivePercent.protocolFee(1_000)).isEqualTo(50);
        assertThat(fivePercent.protocolFee(0)).isZero();
        assertThat(new Settlement(10_000).protocolFee(7)).isEqualTo(7);
        for (long price = 1; price < 5_000; price++) {
            long fee = fivePercent.protocolFee(price);
            assertThat(fee).as("fee of %d", price).isBetween(1L, price);
            assertThat(fee * 10_000).isGreaterThanOrEqualTo(price * 500).isLessThan(price * 500 + 10_000);
        }
    }
}
