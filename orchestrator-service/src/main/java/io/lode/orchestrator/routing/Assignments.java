package io.lode.orchestrator.routing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.lode.events.Envelope;
import io.lode.events.Envelopes;
import io.lode.events.outbox.Outbox;
import io.lode.events.tasks.TaskDispatched;
import io.lode.identity.EndpointAuthority;
import io.lode.orchestrator.OrchestratorConfig;
import io.lode.orchestrator.a2a.AgentGuards;
import io.lode.orchestrator.task.Attempt;
import io.lode.orchestrator.task.Task;
import io.lode.orchestrator.task.TaskRepository;
import io.lode.semantics.TextEmbedder;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Chooses agents for a task (the first call and any retry) and records each assignment as TaskDispatched. */
@Startup // loads the embedding model at start-up, not on the first task
@ApplicationScoped
public class Assignments {

    public static final String PRODUCER = "orchestrator-service";

    private final TextEmbedder embedder = new TextEmbedder();
    private final OrchestratorConfig config;
    private final AgentGuards guards;
    private final AgentCatalog catalog;

    public Assignments(OrchestratorConfig config, AgentGuards guards, AgentCatalog catalog) {
        this.config = config;
        this.guards = guards;
        this.catalog = catalog;
    }

    /**
     * The agents that may take the task now, best first, leaving out those it (or, for a call of a redundant task,
     * any of its sibling calls) was already sent to. For a redundant task, at most one agent per endpoint, none on
     * an endpoint a sibling call went to ({@link Endpoints}).
     */
    public List<Router.Ranked> rank(Connection connection, Task task) throws SQLException {
        Set<String> tried = new TaskRepository(connection).attempts(task.publicId()).stream().map(Attempt::agentId)
                .collect(Collectors.toSet());
        SkillIndex active = catalog.active();
        List<Router.Ranked> ranked = Router.rank(active, new Router.Request(task.taskId(),
                embedder.embed(task.input()), task.skill(), task.maxPrice(), tried), config.routing().policy(), guards);
        if (!task.isRedundant() && !task.isChild()) {
            return ranked;
        }
        Set<String> siblingEndpoints = active.agents().stream().filter(a -> tried.contains(a.agentId()))
                .map(a -> EndpointAuthority.of(a.endpoint())).collect(Collectors.toSet());
        return Endpoints.onePerEndpoint(ranked, siblingEndpoints);
    }

    /** Why {@link #rank} found too few agents, in words a consumer can act on. */
    public static String nobodyFor(Task task, int eligible) {
        if (task.redundancy() > 1 && eligible > 0) {
            return "redundancy " + task.redundancy() + " needs as many agents on distinct endpoints, but only "
                    + eligible + " eligible agent(s) on distinct endpoints " + (task.skill() != null ? "offer skill '" + task.skill() + "'"
                    : "have a skill close enough to the task") + " within maxPrice " + task.maxPrice();
        }
        return task.skill() != null
                ? "no active agent offers skill '" + task.skill() + "' within maxPrice " + task.maxPrice()
                : "no active agent within maxPrice " + task.maxPrice() + " has a skill close enough to the task";
    }

    /**
     * Sends the task (or one call of a redundant task) to {@code agent} as its next attempt and announces it under
     * the task's public id; the call follows the commit.
     */
    public void assign(Connection connection, TaskRepository tasks, Task task, AgentCandidate agent, Envelope cause)
            throws SQLException {
        int attempt = tasks.dispatch(task.taskId(), agent.agentId(), agent.price(), agent.endpoint(),
                agent.protocolVersion(), agent.streaming());
        Outbox.append(connection, task.publicId(), TaskDispatched.newBuilder()
                .setEnvelope(Envelopes.next(PRODUCER, task.publicId(), cause == null ? null : cause.getEventId()))
                .setTaskId(task.publicId()).setAgentId(agent.agentId()).setPrice(agent.price()).setAttempt(attempt)
                .build());
    }
}
