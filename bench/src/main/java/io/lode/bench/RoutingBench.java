package io.lode.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.HdrHistogram.Histogram;

import io.lode.orchestrator.routing.AgentCandidate;
import io.lode.orchestrator.routing.Embeddings;
import io.lode.orchestrator.routing.AgentDirectory;
import io.lode.orchestrator.routing.Router;
import io.lode.orchestrator.routing.SkillIndex;

/**
 * The orchestrator's routing among N ACTIVE agents, as a task's dispatch runs it: the orchestrator's own
 * {@link Router} over its in-memory copy of agent_view, with the service's default weights (exploration on). Agents
 * get 1–3 skill vectors of their own (really embedded texts, slightly perturbed), a price, a reputation, a latency
 * and a probation flag; one is the arithmetic agent, which a correct ranking puts first for "multiply two
 * numbers". Also measured: embedding the task text
 * (once per task, before routing) and reloading the in-memory copy from PostgreSQL (only after agents change),
 * with the orchestrator's own {@link AgentDirectory} on an embedded PostgreSQL 18.
 */
final class RoutingBench {

    static final Router.Policy DEFAULTS = new Router.Policy(0.55, 0.2, 0.1, 0.1, 0.05, 0.15, 0.1, 0);
    static final Router.Availability ALL_IDLE = new Router.Availability() {
        @Override
        public boolean accepting(String agentId) {
            return true;
        }

        @Override
        public double load(String agentId) {
            return 0;
        }
    };

    record Result(int agents, int tasks, Histogram rank, Histogram exact, Histogram embed, Histogram reload,
                  Histogram index, int sameFirst, double maxShortfall, int outsideRanked, String topForArithmetic) {
    }

    Result run(int agentCount, int taskCount, int warmup, int reloads, long seed) throws Exception {
        SkillCorpus corpus = new SkillCorpus(agentCount, seed);
        List<AgentCandidate> agents = agents(corpus, agentCount);
        float[] arithmeticTask = corpus.embedder.embed(SkillCorpus.ARITHMETIC_QUERY);
        Histogram indexing = LatencyTable.histogram();
        SkillIndex index = null;
        for (int i = 0; i < reloads + 1; i++) {
            long start = System.nanoTime();
            index = SkillIndex.of(agents);
            if (i > 0) {
                indexing.recordValue(System.nanoTime() - start);
            }
        }
        String top = Router.rank(index, new Router.Request("tsk_check", arithmeticTask, null, 1_000, Set.of()),
                new Router.Policy(0.55, 0.2, 0.1, 0.1, 0.05, 0.15, 0, 0), ALL_IDLE).get(0).agent().agentId();

        Histogram rank = LatencyTable.histogram();
        Histogram exact = LatencyTable.histogram();
        Histogram embed = LatencyTable.histogram();
        int sameFirst = 0;
        // When the first agents differ, how far the first pass's choice falls short of the best exact score, or
        // whether it is not even among the exact ranking's best MAX_RANKED.
        double maxShortfall = 0;
        int outsideRanked = 0;
        Embeddings embeddings = new Embeddings();
        List<String> texts = new ArrayList<>(SkillCorpus.QUERIES);
        texts.addAll(RoutingCorpusBench.taskInputs());
        for (int i = 0; i < warmup + taskCount; i++) {
            String text = texts.get(i % texts.size());
            long start = System.nanoTime();
            List<float[]> vectors = embeddings.ofTask(text).vectors();
            long embedded = System.nanoTime();
            Router.Request request = new Router.Request("tsk_" + i, vectors, null, 1_000, Set.of());
            List<Router.Ranked> ranked = Router.rank(index, request, DEFAULTS, ALL_IDLE);
            long ranking = System.nanoTime();
            List<Router.Ranked> reference = Router.rank(agents, request, DEFAULTS, ALL_IDLE);
            long end = System.nanoTime();
            if (ranked.isEmpty()) {
                throw new IllegalStateException("routing found nobody for " + text);
            }
            if (i >= warmup) {
                embed.recordValue(embedded - start);
                rank.recordValue(ranking - embedded);
                exact.recordValue(end - ranking);
                String chosen = ranked.get(0).agent().agentId();
                if (chosen.equals(reference.get(0).agent().agentId())) {
                    sameFirst++;
                } else {
                    java.util.Optional<Router.Ranked> there = reference.stream()
                            .filter(r -> r.agent().agentId().equals(chosen)).findFirst();
                    if (there.isPresent()) {
                        maxShortfall = Math.max(maxShortfall, reference.get(0).score() - there.get().score());
                    } else {
                        outsideRanked++;
                    }
                }
            }
        }
        return new Result(agentCount, taskCount, rank, exact, embed, reloads(agents, reloads), indexing, sameFirst,
                maxShortfall, outsideRanked, top);
    }

    /** Loads the ACTIVE agents from agent_view as the in-memory copy's reload does. */
    private static Histogram reloads(List<AgentCandidate> agents, int reloads) throws Exception {
        Histogram reload = LatencyTable.histogram();
        try (BenchDatabase database = BenchDatabase.start("orchestrator", "orchestrator-service")) {
            try (Connection connection = database.connect()) {
                AgentDirectory directory = new AgentDirectory(connection);
                for (AgentCandidate agent : agents) {
                    directory.upsert(agent.agentId(), agent.endpoint(), agent.protocolVersion(), agent.streaming(),
                            agent.price(), agent.skillTerms(), new io.lode.orchestrator.routing.Embeddings.SkillVectors(
                                    agent.skillVectors(), agent.vectorSkills()));
                    directory.setStatus(agent.agentId(), "ACTIVE");
                }
                for (int i = 0; i < reloads + 1; i++) {
                    long start = System.nanoTime();
                    int loaded = directory.active().size();
                    if (loaded != agents.size()) {
                        throw new IllegalStateException("reloaded " + loaded + " agents, not " + agents.size());
                    }
                    if (i > 0) {
                        reload.recordValue(System.nanoTime() - start);
                    }
                }
            }
        }
        return reload;
    }

    static String markdown(Result r) {
        StringBuilder out = new StringBuilder();
        out.append("Routing among ").append(String.format("%,d", r.agents())).append(" ACTIVE agents, ")
                .append(String.format("%,d", r.tasks())).append(" tasks, one thread (the orchestrator's Router, "
                        + "default weights, exploration 0.1)\n\n");
        out.append(LatencyTable.HEADER);
        LatencyTable.row(out, "routing: sign-code first pass + exact ranking of " + SkillIndex.CANDIDATES, r.rank());
        LatencyTable.row(out, "reference: exact ranking of every agent", r.exact());
        LatencyTable.row(out, "embed the task: whole and each request (once per call)", r.embed());
        LatencyTable.row(out, "reload the in-memory copy from PostgreSQL (after agent changes only)", r.reload());
        LatencyTable.row(out, "build the sign-code index (after a reload)", r.index());
        out.append(String.format("%nSame first agent as the exact ranking: %,d of %,d tasks (%.2f %%)%n", r.sameFirst(),
                r.tasks(), 100.0 * r.sameFirst() / r.tasks()));
        out.append(String.format("Otherwise its exact score falls short of the best by at most %.4f (scores span 0–1);"
                + " %,d not among the exact ranking's best %d%n", r.maxShortfall(), r.outsideRanked(),
                Router.MAX_RANKED));
        out.append("First for \"multiply two numbers\" without exploration: ").append(r.topForArithmetic())
                .append(r.topForArithmetic().equals("agt_arithmetic") ? " (correct)" : " (WRONG)").append('\n');
        return out.toString();
    }


    /**
     * {@code agentCount} ACTIVE agents with skills of their own, the arithmetic agent first. Each skill has as many
     * vectors as the orchestrator keeps of a skill with three examples (card text, name and description, the
     * examples): the first is the skill's embedded text, the others that vector nudged, as examples lie near it.
     */
    static List<AgentCandidate> agents(SkillCorpus corpus, int agentCount) {
        Random random = corpus.random();
        List<AgentCandidate> agents = new ArrayList<>();
        agents.add(candidate("agt_arithmetic", withExamples(List.of(corpus.arithmetic), random), 500, 0.9, false,
                120.0));
        for (int i = 1; i < agentCount; i++) {
            agents.add(candidate(String.format("agt_%032x", i),
                    withExamples(corpus.distinctSkillsOfNextAgent(), random), 100 + random.nextInt(900),
                    random.nextDouble(), random.nextInt(5) == 0, 50 + random.nextDouble() * 2_000));
        }
        return agents;
    }

    static final int VECTORS_PER_SKILL = 2 + Embeddings.EXAMPLES_PER_SKILL;

    private static List<float[]> withExamples(List<float[]> skills, Random random) {
        List<float[]> vectors = new ArrayList<>();
        for (float[] skill : skills) {
            vectors.add(skill);
            for (int v = 1; v < VECTORS_PER_SKILL; v++) {
                float[] nudged = new float[skill.length];
                for (int d = 0; d < skill.length; d++) {
                    nudged[d] = skill[d] + 0.03f * (float) random.nextGaussian();
                }
                vectors.add(io.lode.semantics.Vectors.normalized(nudged));
            }
        }
        return vectors;
    }

    /** An agent whose vectors come {@link #VECTORS_PER_SKILL} to a skill, as the orchestrator's catalog has them. */
    private static AgentCandidate candidate(String id, List<float[]> skills, long price, double reputation,
                                            boolean probation, Double latencyMs) {
        List<String> vectorSkills = new ArrayList<>();
        for (int v = 0; v < skills.size(); v++) {
            vectorSkills.add("skill-" + v / VECTORS_PER_SKILL);
        }
        return new AgentCandidate(id, "http://agent.invalid/a2a", "1.0", false, price, "ACTIVE", List.of("skill"), skills,
                vectorSkills, reputation, probation, latencyMs);
    }
}
