package io.lode.registry.lifecycle;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.agents.AgentStatus;
import io.lode.events.exams.ExamCompleted;
import io.lode.events.exams.ExamRequested;
import io.lode.events.exams.ExamVerdict;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.registry.registration.AgentEvents;
import io.lode.registry.registration.AgentRecord;
import io.lode.registry.registration.AgentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Moves PENDING agents to ACTIVE or REJECTED on the outcome of the exam they await, and announces the change; the
 * outcome of an exam the agent no longer awaits (it was updated since) is ignored.
 */
@ApplicationScoped
public class ExamOutcomeHandler {

    private final DataSource dataSource;

    public ExamOutcomeHandler(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional
    public void handle(SpecificRecord event) {
        if (event instanceof ExamRequested requested) {
            examRequested(requested);
        } else if (event instanceof ExamCompleted exam) {
            examCompleted(exam);
        }
    }

    /** Notes which exam answers the event the agent awaits (its registration, or an update that needs an exam). */
    private void examRequested(ExamRequested requested) {
        if (requested.getEnvelope().getCausationId() == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            // No inbox row: recording the same exam id twice changes nothing.
            new AgentRepository(connection).examRequested(requested.getAgentId(), requested.getExamId(),
                    requested.getEnvelope().getCausationId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record exam of " + requested.getAgentId(), e);
        }
    }

    private void examCompleted(ExamCompleted exam) {
        try (Connection connection = dataSource.getConnection()) {
            if (!Inbox.firstDelivery(connection, AgentEvents.PRODUCER, exam.getEnvelope().getEventId())) {
                return;
            }
            AgentRepository agents = new AgentRepository(connection);
            // An exam of what the agent was before an update does not decide what it is now.
            if (!agents.decidedBy(exam.getAgentId(), exam.getExamId())) {
                return;
            }
            AgentStatus next = exam.getVerdict() == ExamVerdict.PASS ? AgentStatus.ACTIVE : AgentStatus.REJECTED;
            if (!agents.transition(exam.getAgentId(), AgentStatus.PENDING.name(), next.name(),
                    exam.getReasons(), exam.getScore())) {
                return;
            }
            agents.recordExams(exam.getAgentId(), exam.getExamined().stream()
                    .map(e -> new AgentRecord.SkillExam(e.getSkill(), e.getExam(), e.getReason())).toList());
            Outbox.append(connection, exam.getAgentId(), AgentEvents.statusChanged(exam.getAgentId(),
                    AgentStatus.PENDING.name(), next.name(), exam.getReasons(), exam.getEnvelope().getEventId()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply exam outcome of " + exam.getAgentId(), e);
        }
    }
}
