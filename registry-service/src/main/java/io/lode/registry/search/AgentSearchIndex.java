package io.lode.registry.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.specific.SpecificRecord;

import io.lode.events.agents.AgentDeregistered;
import io.lode.events.agents.AgentRegistered;
import io.lode.events.agents.AgentSkill;
import io.lode.events.agents.AgentStatusChanged;
import io.lode.events.agents.AgentUpdated;
import io.lode.registry.Problems;
import io.lode.semantics.TextEmbedder;
import io.lode.semantics.TopK;
import io.lode.semantics.Vectors;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The registry's search view of lode.agents, in memory: for each agent its status, price, skill tags and skill
 * vectors. A query vector ranks agents by their best-matching skill (cosine similarity); ties and unranked
 * listings go by agentId. Pages continue from an opaque keyset cursor, so agents that arrive meanwhile neither
 * repeat nor shift a page.
 */
@ApplicationScoped
public class AgentSearchIndex {

    /** A skill as searched: its id, tags (lower case) and unit vector (null if from another model). */
    record IndexedSkill(String id, List<String> tags, float[] vector) {
    }

    record Entry(String agentId, String status, long price, List<IndexedSkill> skills) {

        Entry withStatus(String newStatus) {
            return new Entry(agentId, newStatus, price, skills);
        }
    }

    /** What to look for; null fields do not filter. */
    public record Query(float[] vector, String skill, String status, Long maxPrice, String cursor, int limit) {
    }

    /** One agent found, with its similarity to the query (null when the query has no text). */
    public record Hit(String agentId, Float score) {
    }

    public record Page(List<Hit> hits, String nextCursor) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void apply(SpecificRecord event) {
        if (event instanceof AgentRegistered registered) {
            entries.put(registered.getAgentId(), new Entry(registered.getAgentId(), "PENDING", registered.getPrice(),
                    skills(registered.getSkills())));
        } else if (event instanceof AgentUpdated updated) {
            entries.computeIfPresent(updated.getAgentId(), (id, entry) -> new Entry(id, entry.status(),
                    updated.getPrice(), skills(updated.getSkills())));
        } else if (event instanceof AgentStatusChanged changed) {
            entries.computeIfPresent(changed.getAgentId(), (id, entry) -> entry.withStatus(changed.getStatus().name()));
        } else if (event instanceof AgentDeregistered deregistered) {
            entries.computeIfPresent(deregistered.getAgentId(), (id, entry) -> entry.withStatus("DEREGISTERED"));
        }
    }

    public int size() {
        return entries.size();
    }

    public Page search(Query query) {
        Comparator<Hit> order = query.vector() == null ? Comparator.comparing(Hit::agentId)
                : Comparator.comparing(Hit::score, Comparator.reverseOrder()).thenComparing(Hit::agentId);
        Hit after = query.cursor() == null ? null : decodeCursor(query.cursor(), query.vector() != null);
        // Keeps the best limit + 1 hits: the extra one says whether another page exists.
        TopK<Hit> best = new TopK<>(query.limit() + 1, order);
        for (Entry entry : entries.values()) {
            if (!matches(entry, query)) {
                continue;
            }
            Hit hit = new Hit(entry.agentId(), query.vector() == null ? null : score(entry, query.vector()));
            if (after != null && order.compare(hit, after) <= 0) {
                continue;
            }
            best.offer(hit);
        }
        List<Hit> hits = best.sorted();
        if (hits.size() <= query.limit()) {
            return new Page(hits, null);
        }
        List<Hit> page = hits.subList(0, query.limit());
        return new Page(List.copyOf(page), encodeCursor(page.get(page.size() - 1)));
    }

    private static boolean matches(Entry entry, Query query) {
        if (query.status() != null && !query.status().equals(entry.status())) {
            return false;
        }
        if (query.maxPrice() != null && entry.price() > query.maxPrice()) {
            return false;
        }
        if (query.skill() == null) {
            return true;
        }
        String wanted = query.skill().toLowerCase(Locale.ROOT);
        return entry.skills().stream().anyMatch(s -> s.id().toLowerCase(Locale.ROOT).equals(wanted)
                || s.tags().contains(wanted));
    }

    private static float score(Entry entry, float[] query) {
        float best = -1;
        for (IndexedSkill skill : entry.skills()) {
            if (skill.vector() != null) {
                best = Math.max(best, Vectors.dot(skill.vector(), query));
            }
        }
        return best;
    }

    private static List<IndexedSkill> skills(List<AgentSkill> skills) {
        return skills.stream().map(s -> new IndexedSkill(s.getId(),
                s.getTags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList(),
                s.getEmbedding() != null && TextEmbedder.MODEL_ID.equals(s.getEmbedding().getModel())
                        ? Vectors.of(s.getEmbedding().getVector()) : null)).toList();
    }

    private static String encodeCursor(Hit last) {
        String position = (last.score() == null ? "" : Integer.toHexString(Float.floatToIntBits(last.score())))
                + ":" + last.agentId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static Hit decodeCursor(String cursor, boolean ranked) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = position.indexOf(':');
            String score = position.substring(0, colon);
            if (ranked == score.isEmpty() || colon == position.length() - 1) {
                throw new IllegalArgumentException("cursor of another query");
            }
            return new Hit(position.substring(colon + 1),
                    ranked ? Float.intBitsToFloat(Integer.parseUnsignedInt(score, 16)) : null);
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw Problems.of(400, "bad-parameter", "Bad parameter",
                    "cursor is not one this search returned (repeat the query with the same q)");
        }
    }
}
