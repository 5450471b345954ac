package io.lode.orchestrator.routing;

import java.util.List;

import io.lode.semantics.SignCodes;

/**
 * The ACTIVE agents with the sign codes of their skill vectors ({@link SignCodes}), built once per catalog load:
 * routing among many agents first keeps the {@value #CANDIDATES} eligible agents whose skills point most nearly the
 * task's way, then ranks only those exactly. Up to {@value #EXACT_UP_TO} skill vectors every agent is ranked
 * exactly.
 */
public final class SkillIndex {

    /** Below this many skill vectors the exact ranking of everyone costs under a millisecond: no first pass. */
    public static final int EXACT_UP_TO = 4_096;
    /** Proven agents the first pass keeps for the exact ranking. */
    public static final int CANDIDATES = 256;
    /** Agents in probation it keeps besides: the exploration share goes to the best of them. */
    public static final int PROBATION_CANDIDATES = 64;

    private final List<AgentCandidate> agents;
    private final long[] codes;
    private final int[] firstVector;
    private final int vectors;
    // What the first pass scores by, side by side in arrays: reading 10,000 agent objects scattered over the heap
    // costs more than everything else the first pass does.
    final long[] price;
    final double[] reputation;
    final double[] latency;
    final boolean[] probation;

    private SkillIndex(List<AgentCandidate> agents, long[] codes, int[] firstVector, int vectors) {
        this.agents = agents;
        this.codes = codes;
        this.firstVector = firstVector;
        this.vectors = vectors;
        int n = agents.size();
        price = new long[n];
        reputation = new double[n];
        latency = new double[n];
        probation = new boolean[n];
        for (int a = 0; a < n; a++) {
            AgentCandidate agent = agents.get(a);
            price[a] = agent.isActive() ? agent.price() : Long.MAX_VALUE; // never eligible
            reputation[a] = agent.reputation();
            latency[a] = Router.latencyScore(agent);
            probation[a] = agent.probation();
        }
    }

    static {
        if (SignCodes.WORDS != 6) {
            throw new IllegalStateException("distances() is written for 384-dimension codes (6 words)");
        }
    }

    public static SkillIndex of(List<AgentCandidate> agents) {
        int vectors = agents.stream().mapToInt(a -> a.skillVectors().size()).sum();
        long[] codes = new long[vectors * SignCodes.WORDS];
        int[] firstVector = new int[agents.size() + 1];
        int next = 0;
        for (int a = 0; a < agents.size(); a++) {
            firstVector[a] = next;
            for (float[] vector : agents.get(a).skillVectors()) {
                SignCodes.encode(vector, codes, next * SignCodes.WORDS);
                next++;
            }
        }
        firstVector[agents.size()] = next;
        return new SkillIndex(List.copyOf(agents), codes, firstVector, vectors);
    }

    public List<AgentCandidate> agents() {
        return agents;
    }

    public int vectors() {
        return vectors;
    }

    /**
     * For each agent, the smallest Hamming distance between one of the task's codes (its whole text and its
     * requests) and one of its skill vectors' codes: one flat pass over the index whatever the number of task codes,
     * each skill code read once.
     */
    int[] distances(List<long[]> taskCodes) {
        if (taskCodes.size() == 1) {
            return distances(taskCodes.get(0));
        }
        long[] queries = new long[taskCodes.size() * SignCodes.WORDS];
        for (int q = 0; q < taskCodes.size(); q++) {
            System.arraycopy(taskCodes.get(q), 0, queries, q * SignCodes.WORDS, SignCodes.WORDS);
        }
        int[] perAgent = new int[agents.size()];
        java.util.Arrays.fill(perAgent, Integer.MAX_VALUE);
        int agent = 0;
        for (int v = 0, o = 0; v < vectors; v++, o += SignCodes.WORDS) {
            while (v >= firstVector[agent + 1]) {
                agent++;
            }
            long c0 = codes[o];
            long c1 = codes[o + 1];
            long c2 = codes[o + 2];
            long c3 = codes[o + 3];
            long c4 = codes[o + 4];
            long c5 = codes[o + 5];
            int best = perAgent[agent];
            for (int q = 0; q < queries.length; q += SignCodes.WORDS) {
                int distance = Long.bitCount(c0 ^ queries[q]) + Long.bitCount(c1 ^ queries[q + 1])
                        + Long.bitCount(c2 ^ queries[q + 2]) + Long.bitCount(c3 ^ queries[q + 3])
                        + Long.bitCount(c4 ^ queries[q + 4]) + Long.bitCount(c5 ^ queries[q + 5]);
                if (distance < best) {
                    best = distance;
                }
            }
            perAgent[agent] = best;
        }
        return perAgent;
    }

    /**
     * For each agent, the smallest Hamming distance between the task's code and one of its skills' codes. One flat
     * pass over the codes with the task's words in registers: about 0.1 ms for 20,000 skills.
     */
    int[] distances(long[] taskCode) {
        long q0 = taskCode[0];
        long q1 = taskCode[1];
        long q2 = taskCode[2];
        long q3 = taskCode[3];
        long q4 = taskCode[4];
        long q5 = taskCode[5];
        int[] perAgent = new int[agents.size()];
        int agent = 0;
        java.util.Arrays.fill(perAgent, Integer.MAX_VALUE);
        for (int v = 0, o = 0; v < vectors; v++, o += SignCodes.WORDS) {
            while (v >= firstVector[agent + 1]) {
                agent++;
            }
            int distance = Long.bitCount(codes[o] ^ q0) + Long.bitCount(codes[o + 1] ^ q1)
                    + Long.bitCount(codes[o + 2] ^ q2) + Long.bitCount(codes[o + 3] ^ q3)
                    + Long.bitCount(codes[o + 4] ^ q4) + Long.bitCount(codes[o + 5] ^ q5);
            if (distance < perAgent[agent]) {
                perAgent[agent] = distance;
            }
        }
        return perAgent;
    }

    /**
     * Bits by which a pair of codes may lie beyond the agent's nearest pair and still get an exact cosine. The Hamming
     * distance of 384-bit codes estimates an angle with a standard deviation of about 9 bits, so a pair 24 bits (11°)
     * further than the nearest is rarely the closer in fact, and when it is the two cosines differ little; skipping
     * those pairs spares most of the multiplications of the exact ranking. The routing bench counts how often the
     * first agent then differs from an exact ranking of everyone, and by how much its score falls short.
     */
    static final int PAIR_SLACK = 24;

    /**
     * The exact similarity of the agent at {@code position} as {@link Router#similarity} computes it — its best
     * cosine over the task's vectors and its skill vectors, clipped to [0,1] — but with a cosine only for the pairs
     * whose codes lie within {@link #PAIR_SLACK} bits of its nearest pair ({@code nearest}, from
     * {@link #distances(List)}). The index of the best skill vector goes to {@code matchedVector[slot]}.
     */
    double similarity(int position, List<float[]> taskVectors, List<long[]> taskCodes, int nearest,
                      int[] matchedVector, int slot) {
        List<float[]> skills = agents.get(position).skillVectors();
        int first = firstVector[position];
        int within = nearest + PAIR_SLACK;
        double best = 0;
        int index = 0;
        for (int i = 0; i < skills.size(); i++) {
            int offset = (first + i) * SignCodes.WORDS;
            for (int t = 0; t < taskVectors.size(); t++) {
                if (SignCodes.distance(codes, offset, taskCodes.get(t)) > within) {
                    continue;
                }
                double similarity = io.lode.semantics.Vectors.dot(skills.get(i), taskVectors.get(t));
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
