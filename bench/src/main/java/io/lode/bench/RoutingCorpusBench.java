package io.lode.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.SkillEmbedding;
import io.lode.orchestrator.routing.AgentCandidate;
import io.lode.orchestrator.routing.Embeddings;
import io.lode.orchestrator.routing.Router;
import io.lode.orchestrator.routing.SkillIndex;
import io.lode.semantics.TextEmbedder;
import io.lode.semantics.Vectors;

/**
 * Routing quality on the routing corpus ({@code routing-corpus/}: 14 agent cards and tasks written as people write,
 * each with the agent it belongs to or null when nothing can do it). Each corpus agent is held as the
 * orchestrator's catalog holds it — card vectors embedded as the registry embeds them, examples as
 * {@link Embeddings#ofSkills} does — all ACTIVE, proven, at one price; each task is routed by the orchestrator's
 * {@link Router} with the task's vectors from {@link Embeddings#ofTask} and the service's default policy
 * (exploration off: it is a draw, not a judgement of meaning). Top-1 is the share of routable tasks whose first
 * agent is the expected one; refused, the share of unroutable tasks no agent was found for. Redundancy 2 takes the
 * first two matching agents, as the orchestrator fills a task's slots: right when the expected agent is among them
 * and the other, if any, is one the corpus lists as {@code acceptable} (most tasks have no second agent that can do
 * them, and a slot left empty is better than one filled by an agent of another field).
 *
 * <p>It runs the routing code in-process, not through a running network: the corpus agents' exams would need a
 * judge for each of their skills.
 */
final class RoutingCorpusBench {

    static final Router.Policy POLICY = new Router.Policy(0.55, 0.2, 0.1, 0.1, 0.05, 0.15, 0, 0);

    record Miss(String taskId, String expected, String routedTo, double similarity, String note) {
    }

    /** A task's first agent (null: refused) and its similarity, for the floor sweep. */
    record Routed(String expected, String routedTo, double similarity) {
    }

    /** A routable task's agents that can do it (expected and acceptable) and its ranking, for the match-ratio sweep. */
    record Slots(String expected, Set<String> canDoIt, List<Router.Ranked> ranked) {

        /**
         * Whether redundancy 2 fills its slots only with agents that can do the task when an agent matches at
         * {@code ratio} (at least the policy's) of the best similarity: matching agents keep their order of score.
         */
        boolean rightAt(double ratio) {
            double best = ranked.stream().mapToDouble(Router.Ranked::similarity).max().orElse(0);
            List<String> slots = ranked.stream().filter(r -> r.matching() && r.similarity() >= ratio * best).limit(2)
                    .map(r -> r.agent().agentId()).toList();
            return slots.contains(expected) && canDoIt.containsAll(slots);
        }
    }

    record Result(int routable, int right, int unroutable, int refused, List<Slots> slots, List<Miss> misses,
                  List<Routed> routed) {

        /** Top-1 and refused shares had the similarity floor been {@code floor} (at least the policy's). */
        double[] atFloor(double floor) {
            int rightThere = 0;
            int refusedThere = 0;
            for (Routed task : routed) {
                String routedTo = task.similarity() < floor ? null : task.routedTo();
                if (task.expected() == null) {
                    refusedThere += routedTo == null ? 1 : 0;
                } else {
                    rightThere += task.expected().equals(routedTo) ? 1 : 0;
                }
            }
            return new double[] {(double) rightThere / routable, (double) refusedThere / unroutable};
        }

        double topOne() {
            return routable == 0 ? 0 : (double) right / routable;
        }

        double refusedShare() {
            return unroutable == 0 ? 0 : (double) refused / unroutable;
        }

        /** How many routable tasks' two redundancy slots go only to agents that can do them, at the policy's ratio. */
        int slotsRight() {
            return slotsRightAt(POLICY.matchRatio());
        }

        int slotsRightAt(double ratio) {
            return (int) slots.stream().filter(task -> task.rightAt(ratio)).count();
        }
    }

    private static final ObjectMapper JSON = BenchNetwork.JSON;

    Result run() throws IOException {
        Embeddings embeddings = new Embeddings();
        TextEmbedder registryEmbedder = new TextEmbedder();
        List<AgentCandidate> agents = new ArrayList<>();
        for (JsonNode agent : read("agents.json").path("agents")) {
            List<AgentSkill> skills = new ArrayList<>();
            for (JsonNode skill : agent.path("skills")) {
                List<String> tags = strings(skill.path("tags"));
                List<String> examples = strings(skill.path("examples"));
                String description = skill.path("description").asText(null);
                float[] card = registryEmbedder.embed(TextEmbedder.skillText(skill.path("name").asText(), description,
                        tags, examples));
                skills.add(AgentSkill.newBuilder().setId(skill.path("id").asText()).setName(skill.path("name").asText())
                        .setDescription(description).setTags(tags).setExamples(examples)
                        .setEmbedding(SkillEmbedding.newBuilder().setModel(TextEmbedder.MODEL_ID)
                                .setVector(Vectors.toList(card)).build()).build());
            }
            Embeddings.SkillVectors vectors = embeddings.ofSkills(skills);
            agents.add(new AgentCandidate(agent.path("id").asText(), "http://127.0.0.1/" + agent.path("id").asText(),
                    "1.0", false, 10, "ACTIVE", List.of(), vectors.vectors(), vectors.skillIds(), 0.5, false, null));
        }
        SkillIndex index = SkillIndex.of(agents);
        int routable = 0;
        int right = 0;
        int unroutable = 0;
        int refused = 0;
        List<Slots> slots = new ArrayList<>();
        List<Miss> misses = new ArrayList<>();
        List<Routed> routed = new ArrayList<>();
        for (JsonNode task : read("tasks.json").path("tasks")) {
            String expected = task.path("expected").isNull() ? null : task.path("expected").asText();
            List<Router.Ranked> ranked = Router.rank(index, new Router.Request(task.path("id").asText(),
                    embeddings.ofTask(task.path("input").asText()).vectors(), null, 1_000, Set.of()), POLICY,
                    RoutingBench.ALL_IDLE);
            String routedTo = ranked.isEmpty() ? null : ranked.get(0).agent().agentId();
            routed.add(new Routed(expected, routedTo, ranked.isEmpty() ? 0 : ranked.get(0).similarity()));
            if (expected == null) {
                unroutable++;
                refused += routedTo == null ? 1 : 0;
            } else {
                routable++;
                right += expected.equals(routedTo) ? 1 : 0;
                Set<String> canDoIt = new java.util.HashSet<>(strings(task.path("acceptable")));
                canDoIt.add(expected);
                slots.add(new Slots(expected, canDoIt, ranked));
            }
            if (!java.util.Objects.equals(expected, routedTo)) {
                misses.add(new Miss(task.path("id").asText(), expected, routedTo,
                        ranked.isEmpty() ? 0 : ranked.get(0).similarity(), task.path("note").asText("")));
            }
        }
        return new Result(routable, right, unroutable, refused, slots, misses, routed);
    }

    static String markdown(Result result) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "| routing corpus | value |%n|---|---|%n| top-1 (routable tasks) | %d of %d = %.1f %% |%n"
                        + "| unroutable tasks refused | %d of %d = %.1f %% |%n"
                        + "| redundancy 2: slots only to agents that can do the task | %d of %d = %.1f %% |%n%n",
                result.right(), result.routable(), 100 * result.topOne(), result.refused(), result.unroutable(),
                100 * result.refusedShare(), result.slotsRight(), result.routable(),
                100.0 * result.slotsRight() / result.routable()));
        table.append("| similarity floor | top-1 | refused |\n|---|---|---|\n");
        for (double floor : new double[] {POLICY.minSimilarity(), 0.2, 0.25, 0.3, 0.35}) {
            double[] shares = result.atFloor(floor);
            table.append(String.format(Locale.ROOT, "| %.2f%s | %.1f %% | %.1f %% |%n", floor,
                    floor == POLICY.minSimilarity() ? " (default)" : "", 100 * shares[0], 100 * shares[1]));
        }
        table.append("\n| match ratio | redundancy 2: slots only to agents that can do the task |\n|---|---|\n");
        for (double ratio : new double[] {POLICY.matchRatio(), 0.85, 0.9, 0.95}) {
            table.append(String.format(Locale.ROOT, "| %.2f%s | %.1f %% |%n", ratio,
                    ratio == POLICY.matchRatio() ? " (default)" : "",
                    100.0 * result.slotsRightAt(ratio) / result.routable()));
        }
        table.append("\n| miss | expected | routed to | similarity | what the task tests |\n|---|---|---|---|---|\n");
        for (Miss miss : result.misses()) {
            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s |%n", miss.taskId(),
                    miss.expected() == null ? "(refused)" : miss.expected(),
                    miss.routedTo() == null ? "(refused)" : miss.routedTo(), miss.similarity(), miss.note()));
        }
        return table.toString();
    }

    /** The inputs of the corpus tasks: tasks written as people write, for the routing bench's timings. */
    static List<String> taskInputs() throws IOException {
        List<String> inputs = new ArrayList<>();
        read("tasks.json").path("tasks").forEach(t -> inputs.add(t.path("input").asText()));
        return inputs;
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = RoutingCorpusBench.class.getResourceAsStream("/routing-corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("routing-corpus/" + name + " is not on the class path");
            }
            return JSON.readTree(in);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
