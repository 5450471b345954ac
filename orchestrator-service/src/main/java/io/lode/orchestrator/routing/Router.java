package io.lode.orchestrator.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.lode.semantics.TopK;
import io.lode.semantics.Vectors;

/**
 * Ranks the agents that may take a task, best first; the rest of the list are the fallbacks of a retry.
 *
 * <p>Eligible: ACTIVE, price within {@code maxPrice}, offering {@code skill} (id or tag) when one is named, not
 * tried yet for this task, breaker closed and below its concurrency cap; and, when no skill is named, a
 * similarity of at least {@code minSimilarity}, so a task nobody can do fails instead of going to anyone.
 *
 * <pre>
 * score = wSimilarity · similarity / s* (cosine of task and the agent's best skill, MiniLM, clipped to [0,1],
 *                                       relative to s*, the best similarity among the eligible agents)
 *       + wReputation · reputation      (verifier's score in [0,1]; 0.5 before any verdict)
 *       + wPrice      · (1 − price / maxPrice)
 *       + wLatency    · 1 / (1 + latencyMs / 1000)   (0.5 before the first answer)
 *       − wLoad       · inFlight / concurrencyCap
 * </pre>
 * Similarity counts relative to the best match so that meaning decides among agents that differ in skill, and
 * price, reputation, latency and load decide among agents that are about equally able. Ties go to the smaller
 * agent id.
 *
 * <p>Probation caps a new agent's traffic: agents the verifier still has in probation rank behind every proven
 * agent. With probability {@code explorationShare} — drawn from a generator seeded by the configured seed and the
 * task id, so a replay routes the same way — the best agent in probation goes first instead, so new agents get a
 * share of the work, and no more, until the verifier has seen enough of it. Where only agents in probation are
 * eligible (a young network), they rank by score alone.
 */
public final class Router {

    /** The weights and rules of the score; see the class comment. */
    public record Policy(double similarityWeight, double reputationWeight, double priceWeight, double latencyWeight,
                         double loadWeight, double minSimilarity, double explorationShare, long seed) {
    }

    /** Live facts about an agent that only this process knows: its breaker and its calls in flight. */
    public interface Availability {
        boolean accepting(String agentId);

        /** Calls in flight as a share of the agent's concurrency cap, in [0,1]. */
        double load(String agentId);
    }

    /** A task as routing sees it. */
    public record Request(String taskId, float[] taskVector, String skill, long maxPrice, Set<String> alreadyTried) {
    }

    /** An agent with its score, for ranking and for explaining a choice. */
    public record Ranked(AgentCandidate agent, double similarity, double score) {
    }

    private Router() {
    }

    /**
     * The best {@value #MAX_RANKED} eligible agents, best first: the first call, its retry and the k calls of a
     * redundant task (k ≤ 5) never need more, and keeping only those spares sorting thousands.
     */
    public static final int MAX_RANKED = 16;

    private static final Comparator<Ranked> ORDER = Comparator.comparingInt((Ranked r) -> r.agent().probation() ? 1 : 0)
            .thenComparing(Comparator.comparingDouble(Ranked::score).reversed())
            .thenComparing(r -> r.agent().agentId());

    public static List<Ranked> rank(List<AgentCandidate> agents, Request task, Policy policy, Availability live) {
        List<AgentCandidate> eligible = new ArrayList<>();
        double[] similarities = new double[agents.size()];
        double bestSimilarity = 0;
        for (AgentCandidate agent : agents) {
            if (!agent.isActive() || agent.price() > task.maxPrice() || task.alreadyTried().contains(agent.agentId())
                    || !offers(agent, task.skill()) || !live.accepting(agent.agentId())) {
                continue;
            }
            double similarity = similarity(agent, task.taskVector());
            if (task.skill() == null && similarity < policy.minSimilarity()) {
                continue;
            }
            bestSimilarity = Math.max(bestSimilarity, similarity);
            similarities[eligible.size()] = similarity;
            eligible.add(agent);
        }
        TopK<Ranked> best = new TopK<>(MAX_RANKED, ORDER);
        Ranked bestInProbation = null;
        for (int i = 0; i < eligible.size(); i++) {
            AgentCandidate agent = eligible.get(i);
            double relevance = bestSimilarity == 0 ? 0 : similarities[i] / bestSimilarity;
            double price = task.maxPrice() == 0 ? 1 : 1 - (double) agent.price() / task.maxPrice();
            double latency = agent.latencyMs() == null ? 0.5 : 1 / (1 + agent.latencyMs() / 1000);
            double score = policy.similarityWeight() * relevance + policy.reputationWeight() * agent.reputation()
                    + policy.priceWeight() * price + policy.latencyWeight() * latency
                    - policy.loadWeight() * live.load(agent.agentId());
            Ranked ranked = new Ranked(agent, similarities[i], score);
            if (agent.probation() && (bestInProbation == null || ORDER.compare(ranked, bestInProbation) < 0)) {
                bestInProbation = ranked;
            }
            best.offer(ranked);
        }
        List<Ranked> ranked = best.sorted();
        explore(ranked, bestInProbation, task, policy);
        return ranked;
    }

    private static void explore(List<Ranked> ranked, Ranked bestInProbation, Request task, Policy policy) {
        // SplittableRandom mixes its seed, so tasks with similar ids still draw independently.
        double draw = new SplittableRandom(policy.seed() * 0x9E3779B97F4A7C15L + task.taskId().hashCode()).nextDouble();
        if (ranked.size() < 2 || bestInProbation == null || ranked.get(0) == bestInProbation
                || draw >= policy.explorationShare()) {
            return;
        }
        ranked.remove(bestInProbation);
        ranked.add(0, bestInProbation);
        if (ranked.size() > MAX_RANKED) {
            ranked.remove(ranked.size() - 1);
        }
    }

    static boolean offers(AgentCandidate agent, String skill) {
        return skill == null || agent.skillTerms().stream().anyMatch(t -> t.equalsIgnoreCase(skill));
    }

    static double similarity(AgentCandidate agent, float[] taskVector) {
        double best = 0;
        for (float[] skill : agent.skillVectors()) {
            best = Math.max(best, Vectors.dot(skill, taskVector));
        }
        return Math.min(1, best);
    }
}
