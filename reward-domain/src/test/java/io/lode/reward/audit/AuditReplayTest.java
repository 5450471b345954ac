package io.lode.reward.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lode.events.Envelope;
import io.lode.events.epochs.EpochClosed;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.verdicts.PanelScore;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.reward.audit.Difference.Kind;
import io.lode.reward.epoch.EpochClose;

/**
 * The replay over a simulated network's log: the untouched log replays without a difference; a forged, altered,
 * removed or duplicated event, and a broken epoch, are each reported where they are.
 */
class AuditReplayTest {

    private static final EpochClose.Parameters PARAMETERS = new EpochClose.Parameters(1_000_000, 2, 2_500, 500, 9_000);

    private final SimulatedNetwork network = new SimulatedNetwork(7, PARAMETERS);
    private final List<LoggedEvent> log = new ArrayList<>(network.run(20, 12, 650, 100));
    private final AuditReplay replay = new AuditReplay(PARAMETERS,
            io.lode.reward.escrow.ReceiptCheck.against(network.verifierKeys()));

    @Test
    void theUntouchedLogReplaysToTheSameBalancesAndEpochs() {
        AuditReplay.Report report = replay.replay(log);

        assertThat(report.differences()).isEmpty();
        assertThat(report.epochs()).isEqualTo(6);
        assertThat(report.balances()).isEqualTo(network.balances());
        assertThat(report.produced()).containsKeys("FeeEscrowed", "FeeReleased", "FeeRefunded", "RewardAccrued",
                "RewardVested", "Slashed", "EpochClosed");
    }

    @Test
    void aForgedPaymentAppendedToTheLedgerIsReportedAtItsOffset() {
        LoggedEvent genuine = first(FeeReleased.class);
        FeeReleased forged = released((FeeReleased) genuine.event(), withNewId(genuine.envelope()), 50_000_000, null);
        LoggedEvent appended = new LoggedEvent(genuine.topic(), genuine.partition(), 1_000_000, forged);
        log.add(appended);

        List<Difference> differences = replay.replay(log).differences();

        assertThat(differences).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.UNEXPECTED);
            assertThat(d.where()).isEqualTo(genuine.topic() + "/" + genuine.partition() + "@1000000");
            assertThat(d.found()).contains("paidToAgent=50000000");
        });
    }

    @Test
    void anAlteredEscrowIsReportedWithWhatItShouldHaveSaid() {
        LoggedEvent escrow = first(FeeEscrowed.class);
        FeeEscrowed original = (FeeEscrowed) escrow.event();
        log.set(log.indexOf(escrow), new LoggedEvent(escrow.topic(), escrow.partition(), escrow.offset(),
                FeeEscrowed.newBuilder().setEnvelope(original.getEnvelope()).setTaskId(original.getTaskId())
                        .setAccountId(original.getAccountId()).setAmount(original.getAmount() - 1).build()));

        assertThat(replay.replay(log).differences()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.ALTERED);
            assertThat(d.where()).isEqualTo(escrow.where());
            assertThat(d.expected()).contains("amount=" + original.getAmount());
            assertThat(d.found()).contains("amount=" + (original.getAmount() - 1));
        });
    }

    @Test
    void aRemovedPaymentIsMissingAtTheCompletionThatCausedIt() {
        // after the last close: a payment removed earlier also changes every epoch root from there on
        LoggedEvent payment = log.stream().filter(e -> e.event() instanceof FeeReleased).reduce((a, b) -> b)
                .orElseThrow();
        log.remove(payment);

        assertThat(replay.replay(log).differences()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Kind.MISSING);
            assertThat(d.where()).startsWith("lode.tasks/");
            assertThat(d.expected()).startsWith("FeeReleased{");
        });
    }

    @Test
    void aVerdictOrAPaymentWithoutTheVerifiersReceiptIsReportedForgedWhereItIs() {
        LoggedEvent genuine = first(ResultVerdict.class);
        ResultVerdict real = (ResultVerdict) genuine.event();
        ResultVerdict unsigned = ResultVerdict.newBuilder().setEnvelope(withNewId(real.getEnvelope()))
                .setTaskId(real.getTaskId()).setKind(real.getKind()).setAgentId("agt_nobody_called")
                .setPrice(950_000).setVerdict(Verdict.PASS).setScore(1).setMethod("arithmetic").build();
        log.add(new LoggedEvent(genuine.topic(), genuine.partition(), 3_000_000, unsigned));
        LoggedEvent completion = first(TaskCompleted.class);
        TaskCompleted paid = (TaskCompleted) completion.event();
        Payment inflated = Records.with(paid.getPayments().get(0), "price", 950_000L);
        log.add(new LoggedEvent(completion.topic(), completion.partition(), 3_000_001, TaskCompleted.newBuilder()
                .setEnvelope(withNewId(paid.getEnvelope())).setTaskId(paid.getTaskId()).setAgentIds(paid.getAgentIds())
                .setFeeCharged(950_000).setPayments(List.of(inflated)).build()));

        List<Difference> differences = replay.replay(log).differences();

        assertThat(differences).extracting(Difference::kind, Difference::where).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Kind.FORGED, genuine.topic() + "/" + genuine.partition()
                        + "@3000000"),
                org.assertj.core.groups.Tuple.tuple(Kind.FORGED, completion.topic() + "/" + completion.partition()
                        + "@3000001"));
        assertThat(differences).extracting(Difference::found).anySatisfy(f -> assertThat(f).isEqualTo("no receipt"))
                .anySatisfy(f -> assertThat(f).contains("signature does not match"));
    }

    @Test
    void aPanelVerdictIsCheckedAgainstTheWeightMedianOfTheScoresItNames() {
        LoggedEvent genuine = first(ResultVerdict.class);
        ResultVerdict real = (ResultVerdict) genuine.event();
        // Scores 0.1 (weight 1), 0.2 (weight 1) and 1.0 (weight 0.5): the weight-median is 0.2, a FAIL.
        List<PanelScore> panel = List.of(score("agt_j1", 0.1, 1), score("agt_j2", 0.2, 1), score("agt_j3", 1.0, 0.5));
        ResultVerdict passedAnyway = ResultVerdict.newBuilder(real).setEnvelope(withNewId(real.getEnvelope()))
                .setMethod("panel").setVerdict(Verdict.PASS).setScore(1.0).setPanel(panel).build();
        ResultVerdict honest = ResultVerdict.newBuilder(real).setEnvelope(withNewId(real.getEnvelope()))
                .setMethod("panel").setVerdict(Verdict.FAIL).setScore(0.2).setPanel(panel).build();
        log.add(new LoggedEvent(genuine.topic(), genuine.partition(), 4_000_000, passedAnyway));
        log.add(new LoggedEvent(genuine.topic(), genuine.partition(), 4_000_001, honest));

        List<Difference> panels = replay.replay(log).differences().stream().filter(d -> d.kind() == Kind.PANEL)
                .toList();

        assertThat(panels).singleElement().satisfies(d -> {
            assertThat(d.where()).isEqualTo(genuine.topic() + "/" + genuine.partition() + "@4000000");
            assertThat(d.expected()).contains("FAIL at score 0.2");
            assertThat(d.found()).contains("PASS at score 1.0");
        });
    }

    private static PanelScore score(String judge, double score, double weight) {
        return PanelScore.newBuilder().setJudgeId(judge).setScore(score).setWeight(weight).build();
    }

    @Test
    void aRedeliveryIsNoDifferenceButAnotherEventUnderTheSameIdIs() {
        LoggedEvent payment = first(FeeReleased.class);
        log.add(new LoggedEvent(payment.topic(), payment.partition(), 2_000_000, payment.event()));
        assertThat(replay.replay(log).differences()).isEmpty();

        FeeReleased other = released((FeeReleased) payment.event(), payment.envelope(), null, 0L);
        log.add(new LoggedEvent(payment.topic(), payment.partition(), 2_000_001, other));
        assertThat(replay.replay(log).differences()).extracting(Difference::kind, Difference::where)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.DUPLICATE,
                        payment.topic() + "/" + payment.partition() + "@2000001"));
    }

    @Test
    void aWrongRootIsReportedAtItsEpochAndBreaksTheChainAtTheNext() {
        LoggedEvent third = log.stream().filter(e -> e.event() instanceof EpochClosed c && c.getEpoch() == 3)
                .findFirst().orElseThrow();
        EpochClosed published = (EpochClosed) third.event();
        log.set(log.indexOf(third), new LoggedEvent(third.topic(), third.partition(), third.offset(),
                EpochClosed.newBuilder().setEnvelope(published.getEnvelope()).setEpoch(published.getEpoch())
                        .setStartedAt(published.getStartedAt()).setClosedAt(published.getClosedAt())
                        .setEmission(published.getEmission()).setFeesSettled(published.getFeesSettled())
                        .setAccounts(published.getAccounts()).setMerkleRoot("ab".repeat(32))
                        .setPreviousHash(published.getPreviousHash()).build()));

        List<Difference> differences = replay.replay(log).differences();

        assertThat(differences).extracting(Difference::kind).containsExactly(Kind.EPOCH, Kind.CHAIN);
        assertThat(differences.get(0).where()).isEqualTo(third.where());
        assertThat(differences.get(0).expected()).contains("merkleRoot=" + published.getMerkleRoot());
        assertThat(differences.get(1).expected()).startsWith("epoch 4 ");
    }

    private LoggedEvent first(Class<?> type) {
        return log.stream().filter(e -> type.isInstance(e.event())).findFirst().orElseThrow();
    }

    /** A copy with another envelope and, where given, another payment or fee (Avro's copying builder is barred). */
    private static FeeReleased released(FeeReleased r, Envelope envelope, Integer paidToAgent, Long protocolFee) {
        return FeeReleased.newBuilder().setEnvelope(envelope).setTaskId(r.getTaskId()).setAgentId(r.getAgentId())
                .setAccountId(r.getAccountId()).setPaidToAgent(paidToAgent == null ? r.getPaidToAgent() : paidToAgent)
                .setProtocolFee(protocolFee == null ? r.getProtocolFee() : protocolFee).setRefunded(r.getRefunded())
                .build();
    }

    private static Envelope withNewId(Envelope envelope) {
        return Envelope.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(envelope.getOccurredAt())
                .setCorrelationId(envelope.getCorrelationId()).setCausationId(envelope.getCausationId())
                .setProducer(envelope.getProducer()).build();
    }
}
