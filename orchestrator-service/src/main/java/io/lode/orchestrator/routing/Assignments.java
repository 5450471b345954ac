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
import io.lode.orchestrator.task.RoutingChoice;
import io.lode.semantics.Requests;
import jakarta.enterprise.context.ApplicationScoped;

/** Chooses agents for a task (the first call and any retry) and records each assignment as TaskDispatched. */
@ApplicationScoped
public class Assignments {

    public static final String PRODUCER = "orchestrator-service";
    /** Skills named in a refusal: the nearest the task came to something the network can do. */
    static final int CLOSEST_NAMED = 3;

    private final Embeddings embeddings;
    private final OrchestratorConfig config;
    private final AgentGuards guards;
    private final AgentCatalog catalog;

    public Assignments(Embeddings embeddings, OrchestratorConfig config, AgentGuards guards, AgentCatalog catalog) {
        this.embeddings = embeddings;
        this.config = config;
        this.guards = guards;
        this.catalog = catalog;
    }

    /**
     * The agents that may take the task now, best first, leaving out those it (or, for a call of a redundant task,
     * any of its sibling calls) was already sent to. For a redundant task, at most one agent per endpoint, none on
     * an endpoint a sibling call went to ({@link Endpoints}), and only agents that match the task: a second opinion
     * on a sum comes from another calculator, never from the nearest agent of another kind.
     */
    public Routing rank(Connection connection, Task task) throws SQLException {
        // the consumer's exclusions count as tried; siblings' endpoints (below) are those of real calls only
        Set<String> tried = new TaskRepository(connection).attempts(task.publicId()).stream().map(Attempt::agentId)
                .collect(Collectors.toSet());
        SkillIndex active = catalog.active();
        Embeddings.TaskVectors vectors = embeddings.ofTask(task.input());
        Router.Request request = new Router.Request(task.taskId(), vectors.vectors(), task.skill(), task.maxPrice(),
                task.excludedAgents().isEmpty() ? tried : union(tried,
                        Endpoints.withTheirEndpoints(active.agents(), task.excludedAgents())));
        List<Router.Ranked> ranked = Router.rank(active, request, config.routing().policy(), guards);
        if (task.isRedundant() || task.isChild()) {
            Set<String> siblingEndpoints = active.agents().stream().filter(a -> tried.contains(a.agentId()))
                    .map(a -> EndpointAuthority.of(a.endpoint())).collect(Collectors.toSet());
            ranked = Endpoints.onePerEndpoint(ranked.stream().filter(Router.Ranked::matching).toList(),
                    siblingEndpoints);
        }
        return new Routing(ranked, request, task.skill() == null ? askedSkills(vectors.asked(), ranked) : null);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> both = new java.util.HashSet<>(a);
        both.addAll(b);
        return both;
    }

    /**
     * A routing of one task: the agents best first, the request they were ranked for (its vectors are reused by a
     * refusal's closest skills) and, when the task asks for several things, the skill that fits each.
     */
    public record Routing(List<Router.Ranked> ranked, Router.Request request, List<String> askedSkills) {
    }

    /**
     * Why {@link #rank} found too few agents, in words a consumer can act on; a task that names no skill is told the
     * skills that came closest, with their similarity.
     */
    public String nobodyFor(Task task, Routing routing) throws SQLException {
        int eligible = routing.ranked().size();
        if (task.redundancy() > 1 && eligible > 0) {
            return "redundancy " + task.redundancy() + " needs as many agents on distinct endpoints, but only "
                    + eligible + " eligible agent(s) on distinct endpoints " + (task.skill() != null ? "offer skill '" + task.skill() + "'"
                    : "match the task") + " within maxPrice " + task.maxPrice();
        }
        String others = task.excludedAgents().isEmpty() ? "" : " (besides the " + task.excludedAgents().size()
                + " excluded and the agents on their endpoints)";
        if (task.skill() != null) {
            return "no active agent" + others + " offers skill '" + task.skill() + "' within maxPrice "
                    + task.maxPrice();
        }
        List<Router.Closest> closest = Router.closest(catalog.active(), routing.request(), CLOSEST_NAMED);
        return "no active agent" + others + " within maxPrice " + task.maxPrice()
                + " has a skill close enough to the task"
                + " (similarity at least " + config.routing().minSimilarity() + ")" + (closest.isEmpty() ? ""
                : "; closest: " + closest.stream().map(c -> String.format(java.util.Locale.ROOT, "%s (%.2f)",
                        c.skill(), c.similarity())).collect(Collectors.joining(", ")));
    }

    /**
     * What the task view says of the choice of {@code chosen}. When the task asks for several things ("… and then
     * …") whose best skills differ, they are named: the task still goes to one agent.
     */
    public RoutingChoice explain(Router.Ranked chosen, Routing routing) {
        Router.Parts parts = chosen.parts();
        RoutingChoice.Score score = parts == null ? null : new RoutingChoice.Score(round(chosen.score()),
                round(parts.similarity()), round(parts.reputation()), round(parts.price()), round(parts.latency()),
                round(parts.load()));
        return new RoutingChoice(chosen.matchedSkill(), round(chosen.similarity()), chosen.matching(),
                chosen.explored(), score, routing.askedSkills());
    }

    /**
     * The best skill among the ranked agents for each need of the task, when there are two or more that differ; null
     * for a task of one need (nearly all: nothing is embedded for them).
     */
    private List<String> askedSkills(Requests.Request asked, List<Router.Ranked> ranked) {
        for (List<String> needs : asked.needs()) {
            List<String> skills = needs.stream().map(need -> bestSkill(embeddings.of(need), ranked)).distinct()
                    .filter(java.util.Objects::nonNull).toList();
            if (skills.size() > 1) {
                return skills;
            }
        }
        return null;
    }

    private String bestSkill(float[] need, List<Router.Ranked> ranked) {
        String best = null;
        double bestSimilarity = config.routing().minSimilarity();
        for (Router.Ranked candidate : ranked) {
            int[] matched = new int[1];
            double similarity = Router.similarity(candidate.agent(), List.of(need), matched, 0);
            if (similarity >= bestSimilarity && candidate.agent().skillOfVector(matched[0]) != null) {
                best = candidate.agent().skillOfVector(matched[0]);
                bestSimilarity = similarity;
            }
        }
        return best;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * Sends the task (or one call of a redundant task) to {@code agent} as its next attempt and announces it under
     * the task's public id; the call follows the commit.
     */
    public void assign(Connection connection, TaskRepository tasks, Task task, AgentCandidate agent, Envelope cause)
            throws SQLException {
        assign(connection, tasks, task, agent, null, cause);
    }

    /** {@link #assign} for a routed call: the view keeps why the agent was chosen. */
    public void assign(Connection connection, TaskRepository tasks, Task task, Router.Ranked chosen, Routing routing,
                       Envelope cause) throws SQLException {
        assign(connection, tasks, task, chosen.agent(), explain(chosen, routing), cause);
    }

    private void assign(Connection connection, TaskRepository tasks, Task task, AgentCandidate agent,
                        RoutingChoice routing, Envelope cause) throws SQLException {
        int attempt = tasks.dispatch(task.taskId(), agent.agentId(), agent.price(), agent.endpoint(),
                agent.protocolVersion(), agent.streaming(), routing);
        Outbox.append(connection, task.publicId(), TaskDispatched.newBuilder()
                .setEnvelope(Envelopes.next(PRODUCER, task.publicId(), cause == null ? null : cause.getEventId()))
                .setTaskId(task.publicId()).setAgentId(agent.agentId()).setPrice(agent.price()).setAttempt(attempt)
                .build());
    }
}
