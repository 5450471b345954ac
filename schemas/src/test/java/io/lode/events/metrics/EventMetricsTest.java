package io.lode.events.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lode.events.Envelopes;
import io.lode.events.codec.EventCodec;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.ledger.JudgeFee;
import io.lode.events.ledger.Slashed;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EventMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventMetrics metrics = new EventMetrics(registry, List.of(FeeReleased.class, Slashed.class));

    @Test
    void tasksEndByStatusAndAFewReasonCategoriesNeverByTheirText() {
        metrics.published("TaskCompleted", EventCodec.shared().encode(TaskCompleted.newBuilder()
                .setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1").setAgentIds(List.of("agt_1"))
                .setFeeCharged(10).build()));
        for (String reason : List.of("no active agent offers skill 'x' within maxPrice 5", "redundancy 3 needs as many "
                + "agents", "result FAIL by arithmetic: 2 + 2 is 4", "deadline passed in state DISPATCHED",
                "something new")) {
            metrics.record(TaskFailed.newBuilder().setEnvelope(Envelopes.next("test", "tsk_2", null))
                    .setTaskId("tsk_2").setReason(reason).build());
        }

        assertThat(registry.get("lode.tasks.ended").tag("status", "COMPLETED").tag("reason", "verified").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("lode.tasks.ended").tag("status", "FAILED").tag("reason", "no-agent").counter()
                .count()).isEqualTo(2);
        assertThat(registry.get("lode.tasks.ended").tag("reason", "judged-fail").counter().count()).isEqualTo(1);
        assertThat(registry.get("lode.tasks.ended").tag("reason", "deadline").counter().count()).isEqualTo(1);
        assertThat(registry.get("lode.tasks.ended").tag("reason", "other").counter().count()).isEqualTo(1);
        assertThat(registry.find("lode.tasks.ended").counters()).hasSize(5);
    }

    @Test
    void theTotalsOfTheEventsAServicePublishesAreExposedAtZeroBeforeTheFirst() {
        assertThat(registry.get("lode.slashed.micros").counter().count()).isZero();
        assertThat(registry.get("lode.paid.to.judges.micros").counter().count()).isZero();
        assertThat(registry.find("lode.tasks.disputed").counter()).as("published by another service").isNull();
    }

    @Test
    void failureReasonsOfTheOrchestratorFallIntoTheirCategories() {
        assertThat(EventMetrics.failureReason("escrow rejected: insufficient credit (needed 5, available 1)"))
                .isEqualTo("escrow-rejected");
        assertThat(EventMetrics.failureReason("result FAIL by protocol: timeout")).isEqualTo("agent-failed");
        assertThat(EventMetrics.failureReason("no answer was accepted: agt_1 FAIL by agreement"))
                .isEqualTo("judged-fail");
        assertThat(EventMetrics.failureReason("result INCONCLUSIVE by panel")).isEqualTo("inconclusive");
        assertThat(EventMetrics.failureReason(null)).isEqualTo("other");
    }

    @Test
    void moneyIsCountedInMicroUnitsAndVerdictsByOutcomeAndMethod() {
        metrics.record(FeeReleased.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setAgentId("agt_1").setAccountId("acc_1").setPaidToAgent(700).setProtocolFee(50).setRefunded(9_000)
                .setJudges(List.of(JudgeFee.newBuilder().setJudgeId("agt_j").setAmount(250).build())).build());
        metrics.record(FeeRefunded.newBuilder().setEnvelope(Envelopes.next("test", "tsk_2", null)).setTaskId("tsk_2")
                .setAccountId("acc_1").setAmount(1_000).setReason("failed").build());
        metrics.record(ResultVerdict.newBuilder().setEnvelope(Envelopes.next("test", "tsk_1", null)).setTaskId("tsk_1")
                .setKind(TaskKind.CONSUMER).setAgentId("agt_1").setPrice(1_000).setVerdict(Verdict.PASS).setScore(1)
                .setMethod("panel").build());

        assertThat(registry.get("lode.paid.to.agents.micros").counter().count()).isEqualTo(700);
        assertThat(registry.get("lode.paid.to.judges.micros").counter().count()).isEqualTo(250);
        assertThat(registry.get("lode.protocol.fees.micros").counter().count()).isEqualTo(50);
        assertThat(registry.get("lode.refunded.micros").counter().count()).isEqualTo(10_000);
        assertThat(registry.get("lode.verdicts").tag("verdict", "PASS").tag("method", "panel").tag("kind", "consumer")
                .counter().count()).isEqualTo(1);
    }
}
