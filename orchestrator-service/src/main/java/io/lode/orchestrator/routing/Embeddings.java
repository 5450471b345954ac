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
    /**
     * Texts embedded here per agent, whatever its card (32 skills of 3 examples would be 128 embeddings, most of a
     * second on the thread that applies lode.agents events in order): the first skills get theirs, the rest keep the
     * registry's card vector only.
     */
    public static final int MAX_EMBEDDED_PER_AGENT = 16;

    private final TextEmbedder embedder = new TextEmbedder();

    /** An agent's routable skills as vectors, with the id of the skill each vector belongs to. */
    public record SkillVectors(List<float[]> vectors, List<String> skillIds) {
    }

    /** What the task asks ({@link Requests}) and its vectors: the task as a whole first, then each request. */
    public record TaskVectors(Requests.Request asked, List<float[]> vectors) {
    }

    public TaskVectors ofTask(String input) {
        Requests.Request asked = Requests.of(input);
        return new TaskVectors(asked, asked.texts(input).stream().map(embedder::embed).toList());
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
        int embedded = 0;
        for (AgentSkill skill : skills) {
            if (skill.getEmbedding() == null || !TextEmbedder.MODEL_ID.equals(skill.getEmbedding().getModel())) {
                continue;
            }
            vectors.add(Vectors.of(skill.getEmbedding().getVector()));
            skillIds.add(skill.getId());
            List<String> texts = new ArrayList<>();
            if (skill.getDescription() != null && !skill.getDescription().isBlank()) {
                texts.add(skill.getName() + ". " + skill.getDescription());
            }
            skill.getExamples().stream().filter(e -> !e.isBlank()).limit(EXAMPLES_PER_SKILL).forEach(texts::add);
            for (String text : texts) {
                if (embedded++ < MAX_EMBEDDED_PER_AGENT) {
                    vectors.add(embedder.embed(text));
                    skillIds.add(skill.getId());
                }
            }
        }
        return new SkillVectors(List.copyOf(vectors), List.copyOf(skillIds));
    }
}
