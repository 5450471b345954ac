package io.lode.orchestrator.routing;

import java.util.ArrayList;
import java.util.List;

import io.lode.events.agents.AgentSkill;
import io.lode.semantics.Requests;
import io.lode.semantics.TextEmbedder;
import io.lode.semantics.Vectors;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The orchestrator's one embedding model (loaded at start-up, not on the first task): the vectors of a task and of
 * an agent's skills, as {@link Router} compares them.
 */
@Startup
@ApplicationScoped
public class Embeddings {

    /**
     * Examples embedded per skill. Examples are written as consumers ask ("Convert 26.2 miles to kilometres"), so a
     * request lies nearer its skill's examples than its card's prose; a few are enough, and each costs the first pass
     * of routing a vector per agent.
     */
    public static final int EXAMPLES_PER_SKILL = 3;

    private final TextEmbedder embedder = new TextEmbedder();

    /** An agent's routable skills as vectors, with the id of the skill each vector belongs to. */
    public record SkillVectors(List<float[]> vectors, List<String> skillIds) {
    }

    /** The task as a whole first, then each of its requests ({@link Requests}). */
    public List<float[]> ofTask(String input) {
        return Requests.of(input).texts(input).stream().map(embedder::embed).toList();
    }

    public float[] of(String text) {
        return embedder.embed(text);
    }

    /**
     * Each skill's card vector as the registry made it (skills without one, or from another model, are left out:
     * routing cannot compare them), and embedded here: its name and description alone (the card vector mixes in tags
     * and examples, which blurs what the skill does) and its first examples.
     */
    public SkillVectors ofSkills(List<AgentSkill> skills) {
        List<float[]> vectors = new ArrayList<>();
        List<String> skillIds = new ArrayList<>();
        for (AgentSkill skill : skills) {
            if (skill.getEmbedding() == null || !TextEmbedder.MODEL_ID.equals(skill.getEmbedding().getModel())) {
                continue;
            }
            vectors.add(Vectors.of(skill.getEmbedding().getVector()));
            skillIds.add(skill.getId());
            if (skill.getDescription() != null && !skill.getDescription().isBlank()) {
                vectors.add(embedder.embed(skill.getName() + ". " + skill.getDescription()));
                skillIds.add(skill.getId());
            }
            skill.getExamples().stream().filter(e -> !e.isBlank()).limit(EXAMPLES_PER_SKILL).forEach(example -> {
                vectors.add(embedder.embed(example));
                skillIds.add(skill.getId());
            });
        }
        return new SkillVectors(List.copyOf(vectors), List.copyOf(skillIds));
    }
}
