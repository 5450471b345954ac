package io.lode.registry.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.agents.AgentStatus;
import io.lode.events.exams.ExamCompleted;
import io.lode.events.exams.ExamVerdict;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.registry.registration.AgentEvents;
import io.lode.registry.registration.AgentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Moves PENDING agents to ACTIVE or REJECTED on their exam's outcome, and announces the change. */
@ApplicationScoped
public class ExamOutcomeHandler {

    private final DataSource dataSource;

    public ExamOutcomeHandler(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public void handle(SpecificRecord event) {
        if (!(event instanceof ExamCompleted exam)) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!Inbox.firstDelivery(connection, AgentEvents.PRODUCER, exam.getEnvelope().getEventId())) {
                return;
            }
            AgentStatus next = exam.getVerdict() == ExamVerdict.PASS ? AgentStatus.ACTIVE : AgentStatus.REJECTED;
            if (!new AgentRepository(connection).transition(exam.getAgentId(), AgentStatus.PENDING.name(), next.name(),
                    exam.getReasons(), exam.getScore())) {
                return;
            }
            Outbox.append(connection, exam.getAgentId(), AgentEvents.statusChanged(exam.getAgentId(),
                    AgentStatus.PENDING.name(), next.name(), exam.getReasons(), exam.getEnvelope().getEventId()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply exam outcome of " + exam.getAgentId(), e);
        }
    }
}
