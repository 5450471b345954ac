package io.lode.orchestrator.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.lode.semantics.TextEmbedder;

class RouterTest {

    private static final TextEmbedder EMBEDDER = new TextEmbedder();
    private static final Router.Policy NO_EXPLORATION = new Router.Policy(0.55, 0.2, 0.1, 0.1, 0.05, 0.15, 0, 0);

    private final AgentCandidate calculator = agent("agt_b", 1_000, "ACTIVE", false, "Arithmetic",
            "Evaluates arithmetic expressions", "math");
    private final AgentCandidate cheapCalculator = agent("agt_c", 500, "ACTIVE", false, "Arithmetic",
            "Evaluates arithmetic expressions", "math");
    private final AgentCandidate translator = agent("agt_t", 100, "ACTIVE", false, "Translation",
            "Translates French text into English", "language");
    private final AgentCandidate poet = agent("agt_p", 100, "ACTIVE", false, "Poet", "Writes poems about a theme",
            "creative");
    private final AgentCandidate summariser = skilled("agt_sum", false, "summarise-text", "Summarisation",
                "Summarises articles, reports and notes in a few sentences", "Summarise this article in two sentences");
    /** A proven calculator and a dearer one in probation: what exploration chooses between. */
    private final AgentCandidate veteran = agent("agt_v", 100, "ACTIVE", false, "Arithmetic",
            "Evaluates arithmetic expressions", "math");
    private final AgentCandidate newcomer = agent("agt_n", 900, "ACTIVE", true, "Arithmetic",
            "Evaluates arithmetic expressions", "math");
    private final Map<String, Double> loads = new HashMap<>();
    private final Map<String, Boolean> open = new HashMap<>();
    private final Router.Availability live = new Router.Availability() {
        @Override
        public boolean accepting(String agentId) {
            return !open.getOrDefault(agentId, false);
        }

        @Override
        public double load(String agentId) {
            return loads.getOrDefault(agentId, 0.0);
        }
    };

    @Test
    void theSkilledAgentWinsAmongCheaperDecoys() {
        assertThat(first("what is 17 multiplied by 23?", null, List.of(poet, translator, calculator)))
                .isEqualTo("agt_b");
        assertThat(first("translate 'bonjour tout le monde' into English", null,
                List.of(poet, calculator, translator))).isEqualTo("agt_t");
    }

    @Test
    void amongEquallySkilledAgentsTheCheaperThenTheLessLoadedWins() {
        assertThat(first("add 2 and 2", null, List.of(calculator, cheapCalculator))).isEqualTo("agt_c");
        loads.put("agt_c", 1.0);
        AgentCandidate equal = agent("agt_d", 500, "ACTIVE", false, "Arithmetic", "Evaluates arithmetic expressions",
                "math");
        assertThat(first("add 2 and 2", null, List.of(cheapCalculator, equal))).isEqualTo("agt_d");
    }

    @Test
    void higherReputationAndLowerLatencyWinAtEqualSkill() {
        AgentCandidate trusted = new AgentCandidate("agt_z", "http://x", "1.0", false, 500, "ACTIVE", List.of("math"),
                cheapCalculator.skillVectors(), 0.9, false, 200.0);
        assertThat(first("add 2 and 2", null, List.of(cheapCalculator, trusted))).isEqualTo("agt_z");
    }

    @Test
    void onlyActiveAffordableAcceptingUntriedAgentsOfferingTheNamedSkill() {
        AgentCandidate pending = agent("agt_0", 1, "PENDING", false, "Arithmetic", "Evaluates sums", "math");
        assertThat(rank("add 2 and 2", null, 10_000, Set.of(), List.of(pending))).isEmpty();
        assertThat(rank("add 2 and 2", null, 999, Set.of(), List.of(calculator))).isEmpty();
        assertThat(rank("add 2 and 2", null, 10_000, Set.of("agt_b"), List.of(calculator))).isEmpty();
        open.put("agt_b", true);
        assertThat(rank("add 2 and 2", null, 10_000, Set.of(), List.of(calculator))).isEmpty();
        assertThat(first("anything at all", "language", List.of(calculator, translator))).isEqualTo("agt_t");
        assertThat(rank("anything", "poetry", 10_000, Set.of(), List.of(translator))).isEmpty();
    }

    @Test
    void aTaskNoSkillComesCloseToGoesNowhere() {
        assertThat(rank("qwxz plorf vrumble", null, 10_000, Set.of(), List.of(calculator, translator))).isEmpty();
    }

    @Test
    void explorationSendsTheConfiguredShareToAgentsInProbationAndIsDeterministicUnderASeed() {
        Router.Policy exploring = new Router.Policy(0.55, 0.2, 0.1, 0.1, 0.05, 0.15, 0.2, 42);
        float[] task = EMBEDDER.embed("add 2 and 2");
        List<String> firsts = IntStream.range(0, 2_000).mapToObj(i -> Router.rank(List.of(veteran, newcomer),
                new Router.Request("tsk_" + i, task, null, 10_000, Set.of()), exploring, live).get(0)
                .agent().agentId()).toList();
        double share = firsts.stream().filter("agt_n"::equals).count() / 2_000.0;
        assertThat(share).isBetween(0.17, 0.23);
        List<String> again = IntStream.range(0, 2_000).mapToObj(i -> Router.rank(List.of(veteran, newcomer),
                new Router.Request("tsk_" + i, task, null, 10_000, Set.of()), exploring, live).get(0)
                .agent().agentId()).toList();
        assertThat(again).isEqualTo(firsts);
    }

    @Test
    void anAgentInProbationRanksBehindProvenAgentsEvenWhenItScoresBetterUnlessTheyAreAllNew() {
        AgentCandidate dearVeteran = agent("agt_v", 900, "ACTIVE", false, "Arithmetic", "Evaluates arithmetic expressions",
                "math");
        AgentCandidate cheapNewcomer = agent("agt_n", 10, "ACTIVE", true, "Arithmetic",
                "Evaluates arithmetic expressions", "math");
        AgentCandidate otherNewcomer = agent("agt_m", 500, "ACTIVE", true, "Arithmetic",
                "Evaluates arithmetic expressions", "math");
        assertThat(rank("add 2 and 2", null, 10_000, Set.of(), List.of(cheapNewcomer, dearVeteran)))
                .extracting(r -> r.agent().agentId()).containsExactly("agt_v", "agt_n");
        assertThat(first("add 2 and 2", null, List.of(otherNewcomer, cheapNewcomer))).isEqualTo("agt_n");
    }

    @Test
    void aFarBetterMatchInProbationOutranksAProvenAgentOfAnotherSkillAndIsNamedWithItsSkill() {
        AgentCandidate provenCalculator = skilled("agt_calc", false, "arithmetic", "Arithmetic",
                "Evaluates arithmetic expressions: sums, products, percentages", "what is 17 * 23?");
        AgentCandidate newConverter = skilled("agt_units", true, "convert-units", "Unit conversion",
                "Converts measurements between metric and imperial units", "Convert 26.2 miles to kilometres");
        List<Router.Ranked> ranked = rank("convert 5 miles to km", null, 10_000, Set.of(),
                List.of(provenCalculator, newConverter));
        assertThat(ranked.get(0).agent().agentId()).isEqualTo("agt_units");
        assertThat(ranked.get(0).matchedSkill()).isEqualTo("convert-units");
        assertThat(ranked.get(0).matching()).isTrue();
        assertThat(ranked.get(0).parts().similarity()).isEqualTo(0.55, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ranked).filteredOn(r -> r.agent().agentId().equals("agt_calc"))
                .allSatisfy(r -> assertThat(r.matching()).isFalse());
    }

    @Test
    void explorationDrawsOnlyAmongMatchingAgentsAndNeverOnARetry() {
        AgentCandidate newPoet = agent("agt_p2", 10, "ACTIVE", true, "Poet", "Writes poems about a theme", "creative");
        Router.Policy alwaysExploring = new Router.Policy(0.55, 0.2, 0.1, 0.1, 0.05, 0.0, 1.0, 42);
        float[] task = EMBEDDER.embed("add 2 and 2");
        Router.Ranked first = Router.rank(List.of(veteran, newPoet, newcomer),
                new Router.Request("tsk_1", task, null, 10_000, Set.of()), alwaysExploring, live).get(0);
        assertThat(first.agent().agentId()).isEqualTo("agt_n");
        assertThat(first.explored()).isTrue();
        // the poet in probation never gets an arithmetic task by exploration: it does not match
        for (int i = 0; i < 200; i++) {
            assertThat(Router.rank(List.of(veteran, newPoet), new Router.Request("tsk_" + i, task, null, 10_000,
                    Set.of()), alwaysExploring, live).get(0).agent().agentId()).isEqualTo("agt_v");
        }
        // the newcomer failed: the retry goes to the proven agent, not to the next draw
        Router.Ranked retry = Router.rank(List.of(veteran, newcomer, agent("agt_n2", 900, "ACTIVE", true,
                        "Arithmetic", "Evaluates arithmetic expressions", "math")),
                new Router.Request("tsk_1", task, null, 10_000, Set.of("agt_n")), alwaysExploring, live).get(0);
        assertThat(retry.agent().agentId()).isEqualTo("agt_v");
        assertThat(retry.explored()).isFalse();
    }

    @Test
    void aRequestAfterItsMaterialIsMatchedAsWellAsTheWholeTask() {
        AgentCandidate taxGuide = skilled("agt_tax", false, "explain-tax", "Tax rules guide",
                "Explains tax rules, VAT, deductions and tax brackets in plain language",
                "How does the VAT reverse charge work?");
        String article = "From next January, online marketplaces that sell goods on behalf of small overseas sellers "
                + "will have to collect VAT at the point of sale. The tax authority estimates the gap costs hundreds "
                + "of millions a year, and sellers who already handle their own VAT must tell the platform so that "
                + "tax is not charged twice.\n\nCan you give me a short summary of the article above?";
        List<float[]> vectors = io.lode.semantics.Requests.of(article).texts(article).stream().map(EMBEDDER::embed)
                .toList();
        assertThat(Router.rank(List.of(taxGuide, summariser), new Router.Request("tsk_1", vectors, null, 10_000,
                Set.of()), NO_EXPLORATION, live).get(0).agent().agentId()).isEqualTo("agt_sum");
        // the whole text alone is about tax
        assertThat(first(article, null, List.of(taxGuide, summariser))).isEqualTo("agt_tax");
    }

    @Test
    void aRefusalNamesTheClosestSkillsOnceEach() {
        AgentCandidate secondSummariser = skilled("agt_sum2", false, "summarise-text", "Summarisation",
                "Summarises articles in a few sentences", "Give me a TL;DR");
        List<Router.Closest> closest = Router.closest(SkillIndex.of(List.of(summariser, secondSummariser,
                calculator)), new Router.Request("tsk_1", EMBEDDER.embed("condense this report"), null, 0, Set.of()),
                3);
        assertThat(closest).extracting(Router.Closest::skill).containsExactly("summarise-text");
        assertThat(closest.get(0).similarity()).isPositive();
    }

    @Test
    void amongThousandsTheFirstPassKeepsTheNearestEligibleAgentAndAgreesWithTheExactRanking() {
        java.util.Random random = new java.util.Random(11);
        float[] task = randomUnit(random);
        List<AgentCandidate> agents = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            agents.add(vectorAgent(String.format("agt_%05d", i), 100, randomUnit(random)));
        }
        // Agents of the task's field, nearer or further, at various prices: the ones a ranking must get right. (Among
        // unrelated agents near the similarity floor the order is noise, and a first pass may drop some.)
        for (int i = 0; i < 30; i++) {
            agents.add(vectorAgent(String.format("agt_related_%02d", i), 100 + 30 * i,
                    nudged(task, random, 0.5f + 0.05f * i)));
        }
        agents.add(vectorAgent("agt_near", 100, nudged(task, random, 0.3f)));
        agents.add(vectorAgent("agt_nearer_but_dear", 50_000, nudged(task, random, 0.1f)));
        SkillIndex index = SkillIndex.of(agents);
        assertThat(index.vectors()).isGreaterThan(SkillIndex.EXACT_UP_TO);

        Router.Request request = new Router.Request("tsk_1", task, null, 1_000, Set.of());
        List<Router.Ranked> fast = Router.rank(index, request, NO_EXPLORATION, live);
        List<Router.Ranked> exact = Router.rank(agents, request, NO_EXPLORATION, live);

        assertThat(fast.get(0).agent().agentId()).isEqualTo("agt_near");
        assertThat(fast).extracting(r -> r.agent().agentId())
                .containsExactlyElementsOf(exact.stream().map(r -> r.agent().agentId()).toList());
        open.put("agt_near", true);
        assertThat(Router.rank(index, request, NO_EXPLORATION, live)).extracting(r -> r.agent().agentId())
                .doesNotContain("agt_near", "agt_nearer_but_dear");
    }

    private static float[] randomUnit(java.util.Random random) {
        float[] vector = new float[TextEmbedder.DIMENSIONS];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return io.lode.semantics.Vectors.normalized(vector);
    }

    private static float[] nudged(float[] vector, java.util.Random random, float amount) {
        float[] noise = randomUnit(random);
        float[] nudged = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            nudged[i] = vector[i] + amount * noise[i];
        }
        return io.lode.semantics.Vectors.normalized(nudged);
    }

    private static AgentCandidate vectorAgent(String id, long price, float[] skill) {
        return new AgentCandidate(id, "http://127.0.0.1:1/a2a", "1.0", false, price, "ACTIVE", List.of("skill"),
                List.of(skill), 0.5, false, null);
    }

    private String first(String task, String skill, List<AgentCandidate> agents) {
        return rank(task, skill, 10_000, Set.of(), agents).get(0).agent().agentId();
    }

    private List<Router.Ranked> rank(String task, String skill, long maxPrice, Set<String> tried,
                                     List<AgentCandidate> agents) {
        return Router.rank(agents, new Router.Request("tsk_1", EMBEDDER.embed(task), skill, maxPrice, tried),
                NO_EXPLORATION, live);
    }

    /** An agent as the orchestrator's catalog holds it: card text, then an example, each vector named by its skill. */
    private static AgentCandidate skilled(String id, boolean probation, String skillId, String name,
                                          String description, String example) {
        return new AgentCandidate(id, "http://127.0.0.1:1/" + id, "1.0", false, 100, "ACTIVE", List.of(skillId),
                List.of(EMBEDDER.embed(TextEmbedder.skillText(name, description, List.of(), List.of(example))),
                        EMBEDDER.embed(example)), List.of(skillId, skillId), 0.5, probation, null);
    }

    private static AgentCandidate agent(String id, long price, String status, boolean probation, String name,
                                        String description, String tag) {
        return new AgentCandidate(id, "http://127.0.0.1:1/a2a", "1.0", false, price, status,
                List.of(name.toLowerCase(), tag), List.of(EMBEDDER.embed(TextEmbedder.skillText(name, description,
                        List.of(tag), List.of()))), 0.5, probation, null);
    }
}
