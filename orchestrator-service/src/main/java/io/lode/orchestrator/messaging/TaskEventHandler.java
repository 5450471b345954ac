package io.lode.orchestrator.messaging;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.agents.AgentDeregistered;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.AgentStatusChanged;
import io.lode.events.agents.AgentUpdated;
import io.lode.events.agents.ReputationChanged;
import io.lode.events.exams.Challenge;
import io.lode.events.exams.ExamRequested;
import io.lode.events.exams.HoneypotRequested;
import io.lode.events.exams.ReviewRequested;
import io.lode.events.ledger.EscrowRejected;
import io.lode.events.ledger.FeeEscrowed;
import io.lode.events.ledger.FeeRefunded;
import io.lode.events.ledger.FeeReleased;
import io.lode.events.ledger.JudgeFee;
import io.lode.events.outbox.Inbox;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.Payment;
import io.lode.events.tasks.TaskCompleted;
import io.lode.events.tasks.TaskFailed;
import io.lode.events.tasks.TaskKind;
import io.lode.events.verdicts.ResultHeld;
import io.lode.events.verdicts.ResultVerdict;
import io.lode.events.verdicts.Verdict;
import io.lode.identity.ReviewContract;
import io.lode.orchestrator.routing.AgentCandidate;
import io.lode.orchestrator.routing.AgentDirectory;
import io.lode.orchestrator.routing.Assignments;
import io.lode.orchestrator.routing.Embeddings;
import io.lode.orchestrator.routing.Router;
import io.lode.orchestrator.task.Task;
import io.lode.orchestrator.task.TaskRepository;
import io.lode.orchestrator.task.TaskResource;
import io.lode.orchestrator.task.TaskStatus;
import io.lode.semantics.TextEmbedder;
import io.lode.semantics.Vectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Moves tasks through their state machine on the events of other services: dedupe by eventId, change the
 * task row and write the resulting events to the outbox in one transaction. Returns the ids of tasks to
 * call agents for once that transaction has committed.
 */
@ApplicationScoped
public class TaskEventHandler {

    private final DataSource dataSource;
    private final Assignments assignments;
    private final Embeddings embeddings;

    public TaskEventHandler(DataSource dataSource, Assignments assignments, Embeddings embeddings) {
        this.dataSource = dataSource;
        this.assignments = assignments;
        this.embeddings = embeddings;
    }

    /** What the orchestrator does with an event, given the transaction's connection and repositories. */
    @FunctionalInterface
    private interface Reaction {
        void apply(Connection connection, TaskRepository tasks, AgentDirectory agents, List<String> toDispatch)
                throws SQLException;
    }

    /** True if {@code event} changes the orchestrator's state; any other event costs no transaction. */
    public boolean actsOn(SpecificRecord event) {
        return reactionTo(event) != null;
    }

    @Transactional
    public List<String> handle(SpecificRecord event) {
        Reaction reaction = reactionTo(event);
        List<String> toDispatch = new ArrayList<>();
        if (reaction == null) {
            return toDispatch; // nothing to change, so no inbox row either: it only guards effects
        }
        try (Connection connection = dataSource.getConnection()) {
            if (Inbox.firstDelivery(connection, Assignments.PRODUCER, Envelopes.of(event).getEventId())) {
                reaction.apply(connection, new TaskRepository(connection), new AgentDirectory(connection), toDispatch);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("task update failed for " + event.getClass().getSimpleName(), e);
        }
        return toDispatch;
    }

    /** The reaction to {@code event}, or null if the orchestrator has none (fee accruals, exam outcomes...). */
    private Reaction reactionTo(SpecificRecord event) {
        Envelope envelope = Envelopes.of(event);
        if (event instanceof FeeEscrowed escrowed) {
            return (connection, tasks, agents, toDispatch) ->
                    toDispatch.addAll(escrowed(connection, tasks, escrowed.getTaskId(), envelope));
        } else if (event instanceof EscrowRejected rejected) {
            return (connection, tasks, agents, toDispatch) -> fail(connection, tasks, rejected.getTaskId(),
                    TaskResource.ESCROW_REJECTED + ": " + rejected.getReason() + " (needed " + rejected.getRequested()
                            + ", available " + rejected.getAvailable() + ")", envelope);
        } else if (event instanceof ExamRequested exam) {
            return (connection, tasks, agents, toDispatch) ->
                    examRequested(connection, tasks, agents, exam, toDispatch);
        } else if (event instanceof HoneypotRequested honeypot) {
            return (connection, tasks, agents, toDispatch) -> pinnedCall(connection, tasks, agents,
                    honeypot.getAgentId(), honeypot.getChallenge(), honeypot.getDeadlineMs(), envelope)
                    .ifPresent(toDispatch::add);
        } else if (event instanceof ReviewRequested review) {
            return (connection, tasks, agents, toDispatch) -> pinnedCall(connection, tasks, agents,
                    review.getAgentId(), review.getChallenge(), review.getDeadlineMs(), envelope)
                    .ifPresent(toDispatch::add);
        } else if (event instanceof ResultVerdict verdict) {
            return (connection, tasks, agents, toDispatch) -> verdictReached(connection, tasks, verdict);
        } else if (event instanceof ResultHeld held) {
            // Only the answer of the attempt the task stands on is held (its agent, its status).
            return (connection, tasks, agents, toDispatch) -> tasks.held(held.getTaskId(), held.getAgentId(),
                    held.getHoldUntil());
        } else if (event instanceof FeeReleased released) {
            return (connection, tasks, agents, toDispatch) -> {
                // A redundant task's payments leave its escrow open: its refund comes when the task ends.
                boolean more = tasks.find(released.getTaskId()).filter(Task::isRedundant).isPresent();
                tasks.recordSettlement(released.getTaskId(), released.getPaidToAgent(), released.getProtocolFee(),
                        released.getJudges().stream().mapToLong(JudgeFee::getAmount).sum(),
                        more ? null : released.getRefunded());
            };
        } else if (event instanceof FeeRefunded refunded) {
            return (connection, tasks, agents, toDispatch) ->
                    tasks.recordSettlement(refunded.getTaskId(), null, null, null, refunded.getAmount());
        }
        return agentReaction(event);
    }

    /**
     * Escrow is in place: the task goes to the best agent, or — with redundancy k — to the k best distinct agents,
     * one child call each. Fewer eligible agents than k fails the task (and refunds it).
     */
    private List<String> escrowed(Connection connection, TaskRepository tasks, String taskId, Envelope cause)
            throws SQLException {
        Optional<Task> found = tasks.lock(taskId);
        if (found.isEmpty() || found.get().status() != TaskStatus.SUBMITTED) {
            return List.of();
        }
        Task task = found.get();
        Assignments.Routing routing = assignments.rank(connection, task);
        List<Router.Ranked> ranked = routing.ranked();
        if (ranked.size() < task.redundancy()) {
            fail(connection, tasks, taskId, assignments.nobodyFor(task, routing), cause);
            return List.of();
        }
        if (!task.isRedundant()) {
            assignments.assign(connection, tasks, task, ranked.get(0), routing, cause);
            return List.of(taskId);
        }
        List<String> children = new ArrayList<>();
        for (int i = 0; i < task.redundancy(); i++) {
            String childId = taskId + "." + (i + 1);
            tasks.insertChild(task, childId);
            assignments.assign(connection, tasks, tasks.find(childId).orElseThrow(), ranked.get(i), routing, cause);
            children.add(childId);
        }
        tasks.fannedOut(taskId, ranked.subList(0, task.redundancy()).stream().map(r -> r.agent().agentId()).toList());
        return children;
    }

    private void examRequested(Connection connection, TaskRepository tasks, AgentDirectory agents, ExamRequested exam,
                               List<String> toDispatch)
            throws SQLException {
        // Challenges are not escrowed: they are the network's own cost of admitting an agent.
        // Called the way its consumers' tasks will be; the registration normally arrived before its exam.
        boolean streaming = agents.find(exam.getAgentId()).map(AgentCandidate::streaming).orElse(false);
        AgentCandidate agent = AgentCandidate.pinned(exam.getAgentId(), exam.getEndpoint(), exam.getProtocolVersion(),
                streaming);
        java.time.Instant deadline = java.time.Instant.now().plusMillis(exam.getDeadlineMs());
        for (Challenge challenge : exam.getChallenges()) {
            tasks.insert(challenge.getTaskId(), TaskKind.CHALLENGE.name(), null, challenge.getInput(),
                    challenge.getData(), challenge.getSkill(), 0, 1, deadline, exam.getAgentId(), List.of(),
                    TaskStatus.ESCROWED);
            Task task = tasks.find(challenge.getTaskId()).orElseThrow();
            assignments.assign(connection, tasks, task, agent, exam.getEnvelope());
            toDispatch.add(task.taskId());
        }
    }

    /**
     * A honeypot or a review goes to the agent it names through the same dispatch path as a consumer task, so nothing
     * on the wire sets it apart (a review adds its data part). An agent that is no longer ACTIVE is not called (the
     * challenge just stays unanswered: a panel counts a judge that never answers as having no score).
     */
    private Optional<String> pinnedCall(Connection connection, TaskRepository tasks, AgentDirectory agents,
                                        String agentId, Challenge challenge, long deadlineMs, Envelope cause)
            throws SQLException {
        Optional<AgentCandidate> agent = agents.find(agentId).filter(AgentCandidate::isActive);
        if (agent.isEmpty() || tasks.find(challenge.getTaskId()).isPresent()) {
            return Optional.empty();
        }
        tasks.insert(challenge.getTaskId(), TaskKind.CHALLENGE.name(), null, challenge.getInput(), challenge.getData(),
                challenge.getSkill(), 0, 1, java.time.Instant.now().plusMillis(deadlineMs), agentId, List.of(),
                TaskStatus.ESCROWED);
        assignments.assign(connection, tasks, tasks.find(challenge.getTaskId()).orElseThrow(), agent.get(), cause);
        return Optional.of(challenge.getTaskId());
    }

    private void verdictReached(Connection connection, TaskRepository tasks, ResultVerdict verdict)
            throws SQLException {
        Optional<Task> found = tasks.lock(verdict.getTaskId());
        if (found.isPresent() && found.get().isRedundant()) {
            new RedundantTasks(tasks, connection).verdictReached(found.get(), verdict);
            return;
        }
        // A verdict on an earlier attempt (the task has been retried on another agent) does not decide the task. A
        // held answer waits for the verdict of its panel, or of its hold's end.
        if (found.isEmpty() || !(found.get().status() == TaskStatus.RESULT_RECEIVED
                || found.get().status() == TaskStatus.HELD) || !verdict.getAgentId().equals(found.get().agentId())) {
            return;
        }
        Task task = found.get();
        boolean passed = verdict.getVerdict() == Verdict.PASS;
        String evidence = String.join("; ", verdict.getEvidence());
        if (passed) {
            boolean paid = task.kind().equals(TaskKind.CONSUMER.name());
            long fee = paid ? verdict.getPrice() : 0;
            tasks.recordVerdict(task.taskId(), TaskStatus.COMPLETED, verdict.getVerdict().name(), verdict.getMethod(),
                    verdict.getScore(), evidence, fee, null, TaskRepository.receiptJson(verdict));
            // The completion is what the ledger settles from: it names the payment and the receipt that justifies it.
            List<Payment> payments = !paid ? List.of() : List.of(Payment.newBuilder().setAgentId(verdict.getAgentId())
                    .setPrice(verdict.getPrice()).setVerdict(verdict.getVerdict()).setScore(verdict.getScore())
                    .setMethod(verdict.getMethod()).setReceipt(verdict.getReceipt()).setPanel(verdict.getPanel())
                    .build());
            Outbox.append(connection, task.taskId(), TaskCompleted.newBuilder()
                    .setEnvelope(next(task.taskId(), verdict.getEnvelope())).setTaskId(task.taskId())
                    .setAgentIds(List.of(verdict.getAgentId())).setFeeCharged(fee).setPayments(payments).build());
        } else {
            String reason = "result " + verdict.getVerdict() + " by " + verdict.getMethod()
                    + (evidence.isEmpty() ? "" : ": " + evidence);
            tasks.recordVerdict(task.taskId(), TaskStatus.FAILED, verdict.getVerdict().name(), verdict.getMethod(),
                    verdict.getScore(), evidence, 0L, reason, TaskRepository.receiptJson(verdict));
            Outbox.append(connection, task.taskId(), TaskFailed.newBuilder()
                    .setEnvelope(next(task.taskId(), verdict.getEnvelope())).setTaskId(task.taskId())
                    .setReason(reason).build());
        }
    }

    void fail(Connection connection, TaskRepository tasks, String taskId, String reason, Envelope cause)
            throws SQLException {
        Optional<Task> found = tasks.lock(taskId);
        if (found.isEmpty() || found.get().status().isTerminal()) {
            return;
        }
        tasks.end(taskId, TaskStatus.FAILED, reason);
        Outbox.append(connection, taskId, TaskFailed.newBuilder().setEnvelope(next(taskId, cause))
                .setTaskId(taskId).setReason(reason).build());
    }

    /** Changes to agent_view, the agents as routing sees them; per-skill reputations are the verifier's detail. */
    private Reaction agentReaction(SpecificRecord event) {
        if (event instanceof AgentRegistered registered) {
            // Embedded before the transaction: a reaction may run again when its transaction is retried.
            Embeddings.SkillVectors vectors = embeddings.ofSkills(routable(registered.getSkills()));
            return (connection, tasks, agents, toDispatch) -> agents.upsert(registered.getAgentId(),
                    registered.getEndpoint(), registered.getProtocolVersion(), registered.getStreaming(),
                    registered.getPrice(), skillTerms(registered.getSkills()), vectors);
        } else if (event instanceof AgentUpdated updated) {
            Embeddings.SkillVectors vectors = embeddings.ofSkills(routable(updated.getSkills()));
            return (connection, tasks, agents, toDispatch) -> agents.upsert(updated.getAgentId(),
                    updated.getEndpoint(), updated.getProtocolVersion(), updated.getStreaming(), updated.getPrice(),
                    skillTerms(updated.getSkills()), vectors);
        } else if (event instanceof AgentStatusChanged changed) {
            return (connection, tasks, agents, toDispatch) ->
                    agents.setStatus(changed.getAgentId(), changed.getStatus().name());
        } else if (event instanceof AgentDeregistered deregistered) {
            return (connection, tasks, agents, toDispatch) ->
                    agents.setStatus(deregistered.getAgentId(), "DEREGISTERED");
        } else if (event instanceof ReputationChanged reputation && reputation.getSkill() == null) {
            return (connection, tasks, agents, toDispatch) -> agents.setReputation(reputation.getAgentId(),
                    reputation.getScore(), reputation.getVerdicts(), reputation.getProbation());
        }
        return null;
    }

    /**
     * The skills consumers' tasks are routed by: all but a judge's review skills (tagged {@value ReviewContract#TAG}), which
     * the verifier calls for reviews only — a judge of ROT13 must not take the ROT13 tasks it is there to judge.
     */
    private static List<AgentSkill> routable(List<AgentSkill> skills) {
        return skills.stream().filter(s -> !s.getTags().contains(ReviewContract.TAG)).toList();
    }

    private static List<String> skillTerms(List<AgentSkill> skills) {
        List<String> terms = new ArrayList<>();
        for (AgentSkill skill : routable(skills)) {
            terms.add(skill.getId());
            terms.add(skill.getName());
            terms.addAll(skill.getTags());
            if (skill.getDescription() != null) {
                terms.add(skill.getDescription());
            }
        }
        return terms;
    }


    static Envelope next(String taskId, Envelope cause) {
        return Envelopes.next(Assignments.PRODUCER, taskId, cause == null ? null : cause.getEventId());
    }
}
