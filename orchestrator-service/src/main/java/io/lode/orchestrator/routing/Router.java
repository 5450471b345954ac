package io.lode.orchestrator.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import io.lode.semantics.SignCodes;
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
 * <p>An agent <em>matches</em> the task when its similarity is at least {@code matchRatio} (0.8) of s*: it is
 * about as able as the best. Matching agents rank before all others, so proof of quality weighs but never outranks
 * a far better match ("convert 5 miles to km" goes to the unit converter in probation, not to the proven
 * calculator). Among matching agents, probation caps a new agent's traffic: those the verifier still has in
 * probation rank behind every proven one. With probability {@code explorationShare} — drawn from a generator seeded
 * by the configured seed and the task id, so a replay routes the same way — the best matching agent in probation
 * goes first instead, so new agents get a share of the work, and no more, until the verifier has seen enough of it.
 * Only a first call explores: a retry goes to the best agent not tried, proven first. The redundancy slots of a
 * task take matching agents only ({@link Assignments}).
 */
public final class Router {

    /** The weights and rules of the score; see the class comment. */
    public record Policy(double similarityWeight, double reputationWeight, double priceWeight, double latencyWeight,
                         double loadWeight, double minSimilarity, double explorationShare, long seed,
                         double matchRatio) {

        public Policy(double similarityWeight, double reputationWeight, double priceWeight, double latencyWeight,
                      double loadWeight, double minSimilarity, double explorationShare, long seed) {
            this(similarityWeight, reputationWeight, priceWeight, latencyWeight, loadWeight, minSimilarity,
                    explorationShare, seed, DEFAULT_MATCH_RATIO);
        }
    }

    /** Similarity relative to the best at which an agent counts as matching the task; see the class comment. */
    public static final double DEFAULT_MATCH_RATIO = 0.8;

    /** Live facts about an agent that only this process knows: its breaker and its calls in flight. */
    public interface Availability {
        boolean accepting(String agentId);

        /** Calls in flight as a share of the agent's concurrency cap, in [0,1]. */
        double load(String agentId);
    }

    /** A task as routing sees it: its vectors are the whole task's first, then its requests'. */
    public record Request(String taskId, List<float[]> taskVectors, String skill, long maxPrice,
                          Set<String> alreadyTried) {

        public Request {
            if (taskVectors.isEmpty()) {
                throw new IllegalArgumentException("a task has at least one vector");
            }
            taskVectors = List.copyOf(taskVectors);
        }

        public Request(String taskId, float[] taskVector, String skill, long maxPrice, Set<String> alreadyTried) {
            this(taskId, List.of(taskVector), skill, maxPrice, alreadyTried);
        }
    }

    /** The parts of a score, each already weighted: what the task view shows to say why an agent was chosen. */
    public record Parts(double similarity, double reputation, double price, double latency, double load) {
    }

    /**
     * An agent with its score, for ranking and for explaining a choice: the skill its best vector belongs to (null
     * when the catalog does not know), whether it matches the task and whether it was put first by exploration.
     */
    public record Ranked(AgentCandidate agent, double similarity, double score, String matchedSkill, boolean matching,
                         Parts parts, boolean explored) {

        public Ranked(AgentCandidate agent, double similarity, double score) {
            this(agent, similarity, score, null, true, null, false);
        }

        Ranked asExplored() {
            return new Ranked(agent, similarity, score, matchedSkill, matching, parts, true);
        }
    }

    private Router() {
    }

    /**
     * The best {@value #MAX_RANKED} eligible agents, best first: the first call, its retry and the k calls of a
     * redundant task (k ≤ 5) never need more, and keeping only those spares sorting thousands.
     */
    public static final int MAX_RANKED = 16;

    /** Matching agents first, proven before probation, then by score, then by id; written out: it runs for every
     *  eligible agent. */
    private static final Comparator<Ranked> ORDER = (a, b) -> {
        if (a.matching() != b.matching()) {
            return a.matching() ? -1 : 1;
        }
        if (a.agent().probation() != b.agent().probation()) {
            return a.agent().probation() ? 1 : -1;
        }
        int byScore = Double.compare(b.score(), a.score());
        return byScore != 0 ? byScore : a.agent().agentId().compareTo(b.agent().agentId());
    };

    /**
     * Ranks the agents of a catalog. A small one is ranked exactly. Among many, a first pass estimates every agent's
     * score from the index's arrays — similarity from sign codes (cos(π · hamming / 384)), no load — keeps the
     * {@link SkillIndex#CANDIDATES} best proven agents and the {@link SkillIndex#PROBATION_CANDIDATES} best in
     * probation, and ranks only those exactly (where breakers and load count). The routing bench measures how often
     * that picks the same first agent as ranking everyone exactly.
     */
    public static List<Ranked> rank(SkillIndex index, Request task, Policy policy, Availability live) {
        List<AgentCandidate> agents = index.agents();
        if (index.vectors() <= SkillIndex.EXACT_UP_TO) {
            return rank(agents, task, policy, live);
        }
        List<long[]> taskCodes = task.taskVectors().stream().map(SignCodes::of).toList();
        int[] distances = index.distances(taskCodes);
        double[] estimate = new double[agents.size()];
        double bestSimilarity = 0;
        for (int a = 0; a < agents.size(); a++) {
            boolean possible = index.price[a] <= task.maxPrice() && distances[a] != Integer.MAX_VALUE
                    && (task.alreadyTried().isEmpty() || !task.alreadyTried().contains(agents.get(a).agentId()))
                    && (task.skill() == null || offers(agents.get(a), task.skill()));
            estimate[a] = possible ? COSINE_OF_DISTANCE[distances[a]] : -1;
            bestSimilarity = Math.max(bestSimilarity, estimate[a]);
        }
        for (int a = 0; a < agents.size(); a++) {
            if (estimate[a] >= 0) {
                double relevance = bestSimilarity == 0 ? 0 : estimate[a] / bestSimilarity;
                estimate[a] = score(relevance, index.reputation[a], priceScore(index.price[a], task), index.latency[a],
                        0, policy);
            } else {
                estimate[a] = Double.NEGATIVE_INFINITY;
            }
        }
        int[] proven = BestIndexes.of(estimate, index.probation, false, SkillIndex.CANDIDATES);
        int[] inProbation = BestIndexes.of(estimate, index.probation, true, SkillIndex.PROBATION_CANDIDATES);
        int[] positions = new int[proven.length + inProbation.length];
        System.arraycopy(proven, 0, positions, 0, proven.length);
        System.arraycopy(inProbation, 0, positions, proven.length, inProbation.length);
        List<AgentCandidate> candidates = new ArrayList<>(positions.length);
        for (int a : positions) {
            candidates.add(agents.get(a));
        }
        return rank(candidates, task, policy, live, (i, matchedVector, slot) -> index.similarity(positions[i],
                task.taskVectors(), taskCodes, distances[positions[i]], matchedVector, slot));
    }

    /** max(0, cos(π · hamming / 384)) for every Hamming distance of two sign codes: no cosine per agent. */
    private static final double[] COSINE_OF_DISTANCE = new double[SignCodes.WORDS * 64 + 1];

    static {
        for (int d = 0; d < COSINE_OF_DISTANCE.length; d++) {
            COSINE_OF_DISTANCE[d] = Math.max(0, Math.cos(Math.PI * d / (SignCodes.WORDS * 64)));
        }
    }

    /** The score of the class comment, from its parts. */
    private static double score(double relevance, double reputation, double price, double latency, double load,
                                Policy policy) {
        return policy.similarityWeight() * relevance + policy.reputationWeight() * reputation
                + policy.priceWeight() * price + policy.latencyWeight() * latency - policy.loadWeight() * load;
    }

    private static Parts parts(double relevance, double reputation, double price, double latency, double load,
                               Policy policy) {
        return new Parts(policy.similarityWeight() * relevance, policy.reputationWeight() * reputation,
                policy.priceWeight() * price, policy.latencyWeight() * latency, -policy.loadWeight() * load);
    }

    private static double priceScore(long price, Request task) {
        return task.maxPrice() == 0 ? 1 : 1 - (double) price / task.maxPrice();
    }

    static double latencyScore(AgentCandidate agent) {
        return agent.latencyMs() == null ? 0.5 : 1 / (1 + agent.latencyMs() / 1000);
    }

    public static List<Ranked> rank(List<AgentCandidate> agents, Request task, Policy policy, Availability live) {
        return rank(agents, task, policy, live,
                (i, matchedVector, slot) -> similarity(agents.get(i), task.taskVectors(), matchedVector, slot));
    }

    /** The similarity of the i-th agent to the task; the index of its best vector goes to matchedVector[slot]. */
    private interface Similarities {
        double of(int i, int[] matchedVector, int slot);
    }

    private static List<Ranked> rank(List<AgentCandidate> agents, Request task, Policy policy, Availability live,
                                     Similarities similarityOf) {
        List<AgentCandidate> eligible = new ArrayList<>();
        int[] matchedVector = new int[agents.size()];
        double[] similarities = new double[agents.size()];
        double bestSimilarity = 0;
        for (int a = 0; a < agents.size(); a++) {
            AgentCandidate agent = agents.get(a);
            if (!eligible(agent, task, live)) {
                continue;
            }
            double similarity = similarityOf.of(a, matchedVector, eligible.size());
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
            // A named skill is matched by every agent that offers it; otherwise meaning decides.
            boolean matching = task.skill() != null || relevance >= policy.matchRatio();
            double reputation = agent.reputation();
            double price = priceScore(agent.price(), task);
            double latency = latencyScore(agent);
            double load = live.load(agent.agentId());
            Ranked ranked = new Ranked(agent, similarities[i], score(relevance, reputation, price, latency, load,
                    policy), agent.skillOfVector(matchedVector[i]), matching,
                    parts(relevance, reputation, price, latency, load, policy), false);
            if (matching && agent.probation()
                    && (bestInProbation == null || ORDER.compare(ranked, bestInProbation) < 0)) {
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
        // Only a first call explores: the retry of a failed exploration goes to the best agent left, proven first.
        if (ranked.size() < 2 || bestInProbation == null || ranked.get(0) == bestInProbation
                || !task.alreadyTried().isEmpty() || draw >= policy.explorationShare()) {
            return;
        }
        ranked.remove(bestInProbation);
        ranked.add(0, bestInProbation.asExplored());
        if (ranked.size() > MAX_RANKED) {
            ranked.remove(ranked.size() - 1);
        }
    }

    /** A skill and how near the task came to it: what a refusal names. */
    public record Closest(String skill, double similarity) {
    }

    /**
     * The {@code n} skills of ACTIVE agents nearest the task, ignoring price, breakers and the similarity floor, each
     * named once. Among many agents, the sign codes pick the 64 nearest agents first, as the first pass of
     * {@link #rank(SkillIndex, Request, Policy, Availability)} does: a refusal costs no more than a routing.
     */
    public static List<Closest> closest(SkillIndex index, Request task, int n) {
        List<AgentCandidate> agents = index.agents();
        if (index.vectors() > SkillIndex.EXACT_UP_TO) {
            int[] distances = index.distances(task.taskVectors().stream().map(SignCodes::of).toList());
            double[] nearness = new double[distances.length];
            for (int a = 0; a < distances.length; a++) {
                nearness[a] = distances[a] == Integer.MAX_VALUE ? Double.NEGATIVE_INFINITY : -distances[a];
            }
            List<AgentCandidate> nearest = new ArrayList<>();
            for (int a : BestIndexes.of(nearness, 64)) {
                nearest.add(agents.get(a));
            }
            agents = nearest;
        }
        java.util.Map<String, Double> bySkill = new java.util.HashMap<>();
        int[] matched = new int[1];
        for (AgentCandidate agent : agents) {
            if (!agent.isActive()) {
                continue;
            }
            double similarity = similarity(agent, task.taskVectors(), matched, 0);
            String skill = agent.skillOfVector(matched[0]);
            if (skill != null) {
                bySkill.merge(skill, similarity, Math::max);
            }
        }
        return bySkill.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(n).map(e -> new Closest(e.getKey(), Math.round(e.getValue() * 100) / 100.0)).toList();
    }

    /** Whether the agent may take the task at all, before meaning counts. */
    private static boolean eligible(AgentCandidate agent, Request task, Availability live) {
        return agent.isActive() && agent.price() <= task.maxPrice() && !task.alreadyTried().contains(agent.agentId())
                && offers(agent, task.skill()) && live.accepting(agent.agentId());
    }

    static boolean offers(AgentCandidate agent, String skill) {
        return skill == null || agent.skillTerms().stream().anyMatch(t -> t.equalsIgnoreCase(skill));
    }

    /**
     * The best cosine between one of the task's vectors and one of the agent's, clipped to [0,1]; the index of that
     * agent vector goes to {@code matchedVector[slot]}. Indexed loops: no iterator per agent on the hot path.
     */
    static double similarity(AgentCandidate agent, List<float[]> taskVectors, int[] matchedVector, int slot) {
        double best = 0;
        int index = 0;
        List<float[]> skills = agent.skillVectors();
        for (int t = 0; t < taskVectors.size(); t++) {
            float[] taskVector = taskVectors.get(t);
            for (int i = 0; i < skills.size(); i++) {
                double similarity = Vectors.dot(skills.get(i), taskVector);
                if (similarity > best) {
                    best = similarity;
                    index = i;
                }
            }
        }
        matchedVector[slot] = index;
        return Math.min(1, best);
    }
}
