package io.lode.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    record Result(int agents, int queries, Histogram total, Histogram embed, Histogram rank, String topForArithmetic) {
    }

    Result run(int agentCount, int queryCount, int warmup, long seed) {
        SkillCorpus corpus = new SkillCorpus(agentCount, seed);
        TextEmbedder embedder = corpus.embedder;
        AgentSearchIndex index = index(corpus, agentCount);
        String top = index.search(query(embedder.embed(SkillCorpus.ARITHMETIC_QUERY))).hits().get(0).agentId();

        Histogram total = LatencyTable.histogram();
        Histogram embed = LatencyTable.histogram();
        Histogram rank = LatencyTable.histogram();
        for (int i = 0; i < warmup + queryCount; i++) {
            String text = SkillCorpus.QUERIES.get(i % SkillCorpus.QUERIES.size());
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
        out.append(LatencyTable.HEADER);
        LatencyTable.row(out, "embed query + rank (what a search costs)", r.total());
        LatencyTable.row(out, "embed query (MiniLM)", r.embed());
        LatencyTable.row(out, "rank all agents", r.rank());
        out.append("\nTop hit for \"multiply two numbers\": ").append(r.topForArithmetic())
                .append(r.topForArithmetic().equals("agt_arithmetic") ? " (correct)" : " (WRONG)").append('\n');
        return out.toString();
    }


    /** The registry's search index over {@code agentCount} agents, the arithmetic agent first. */
    static AgentSearchIndex index(SkillCorpus corpus, int agentCount) {
        AgentSearchIndex index = new AgentSearchIndex();
        index.apply(agent("agt_arithmetic", List.of(skill("arithmetic", corpus.arithmetic))));
        for (int i = 1; i < agentCount; i++) {
            List<AgentSkill> skills = new ArrayList<>();
            for (float[] vector : corpus.skillsOfNextAgent()) {
                skills.add(skill("skill-" + skills.size(), vector));
            }
            index.apply(agent(String.format("agt_%032x", i), skills));
        }
        return index;
    }

    static AgentSearchIndex.Query query(float[] vector) {
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
