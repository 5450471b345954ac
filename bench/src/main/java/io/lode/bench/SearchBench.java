package io.lode.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

import io.lode.events.Envelopes;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.SkillEmbedding;
import io.lode.registry.search.AgentSearchIndex;
import io.lode.semantics.TextEmbedder;
import io.lode.semantics.Vectors;

/**
 * Registry search over N registered agents, as {@code GET /v1/agents?q=…} does it: embed the query with
 * all-MiniLM-L6-v2, then rank every agent by its best skill. Agents get 1–3 skills drawn from a corpus of
 * distinct, really embedded skill texts; one of them is the arithmetic agent, which a correct index must rank
 * first for "multiply two numbers".
 */
final class SearchBench {

    private static final String[] VERBS = {"Translates", "Summarises", "Classifies", "Extracts entities from",
        "Generates", "Checks the grammar of", "Converts", "Answers questions about", "Explains", "Reviews"};
    private static final String[] OBJECTS = {"legal contracts", "medical records", "tweets", "source code",
        "invoices", "recipes", "news articles", "weather reports", "chess games", "song lyrics", "job adverts",
        "product reviews", "scientific papers", "emails", "poems", "tax forms", "travel itineraries",
        "support tickets", "meeting notes", "bank statements"};
    private static final String[] MANNERS = {"into French", "for children", "as JSON", "in bullet points",
        "in plain English"};
    private static final List<String> QUERIES = List.of("multiply two numbers", "translate my contract to French",
            "summarise this news article", "find the people mentioned in an email", "is this review positive",
            "fix the grammar of my essay", "explain this tax form simply", "turn my invoice into JSON",
            "answer questions about a scientific paper", "write a poem for children");

    record Result(int agents, int queries, Histogram total, Histogram embed, Histogram rank, String topForArithmetic) {
    }

    private final TextEmbedder embedder = new TextEmbedder();

    Result run(int agentCount, int queryCount, int warmup, long seed) {
        Random random = new Random(seed);
        List<float[]> corpus = new ArrayList<>();
        int corpusSize = Math.min(VERBS.length * OBJECTS.length * MANNERS.length, Math.max(50, agentCount / 10));
        for (int i = 0; i < corpusSize; i++) {
            corpus.add(embedder.embed(VERBS[i % VERBS.length] + " " + OBJECTS[(i / VERBS.length) % OBJECTS.length]
                    + " " + MANNERS[(i / (VERBS.length * OBJECTS.length)) % MANNERS.length]));
        }
        AgentSearchIndex index = new AgentSearchIndex();
        index.apply(agent("agt_arithmetic", List.of(skill("arithmetic", embedder.embed(TextEmbedder.skillText(
                "Arithmetic", "Evaluates arithmetic expressions: add, subtract, multiply, divide",
                List.of("math"), List.of("what is 17 * 23?")))))));
        for (int i = 1; i < agentCount; i++) {
            List<AgentSkill> skills = new ArrayList<>();
            for (int s = 0; s < 1 + random.nextInt(3); s++) {
                skills.add(skill("skill-" + s, corpus.get(random.nextInt(corpus.size()))));
            }
            index.apply(agent(String.format("agt_%032x", i), skills));
        }
        String top = index.search(query(embedder.embed("multiply two numbers"))).hits().get(0).agentId();

        Histogram total = histogram();
        Histogram embed = histogram();
        Histogram rank = histogram();
        for (int i = 0; i < warmup + queryCount; i++) {
            String text = QUERIES.get(i % QUERIES.size());
            long start = System.nanoTime();
            float[] vector = embedder.embed(text);
            long embedded = System.nanoTime();
            AgentSearchIndex.Page page = index.search(query(vector));
            long end = System.nanoTime();
            if (page.hits().isEmpty()) {
                throw new IllegalStateException("search found nothing for " + text);
            }
            if (i >= warmup) {
                total.recordValue(end - start);
                embed.recordValue(embedded - start);
                rank.recordValue(end - embedded);
            }
        }
        return new Result(agentCount, queryCount, total, embed, rank, top);
    }

    static String markdown(Result r) {
        StringBuilder out = new StringBuilder();
        out.append("Registry search over ").append(r.agents()).append(" agents, ").append(r.queries())
                .append(" queries (q + 20 results), one thread\n\n");
        out.append("| part | p50 ms | p99 ms | p99.9 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        row(out, "embed query + rank (what a search costs)", r.total());
        row(out, "embed query (MiniLM)", r.embed());
        row(out, "rank all agents", r.rank());
        out.append("\nTop hit for \"multiply two numbers\": ").append(r.topForArithmetic())
                .append(r.topForArithmetic().equals("agt_arithmetic") ? " (correct)" : " (WRONG)").append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Histogram h) {
        out.append(String.format("| %s | %.2f | %.2f | %.2f | %.2f |%n", name, ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue())));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    }

    private static AgentSearchIndex.Query query(float[] vector) {
        return new AgentSearchIndex.Query(vector, null, null, null, null, 20);
    }

    private static AgentSkill skill(String id, float[] vector) {
        return AgentSkill.newBuilder().setId(id).setName(id).setEmbedding(SkillEmbedding.newBuilder()
                .setModel(TextEmbedder.MODEL_ID).setVector(Vectors.toList(vector)).build()).build();
    }

    private static AgentRegistered agent(String agentId, List<AgentSkill> skills) {
        return AgentRegistered.newBuilder().setEnvelope(Envelopes.next("bench", agentId, null)).setAgentId(agentId)
                .setPublicKey("bench").setEndpoint("http://agent.invalid/a2a").setProtocolVersion("1.0")
                .setPrice(1_000).setSkills(skills).setCardDigest("bench")
                .setExpiresAt(Instant.now().plusSeconds(86_400)).build();
    }
}
