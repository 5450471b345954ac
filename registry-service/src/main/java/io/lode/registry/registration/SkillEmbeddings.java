package io.lode.registry.registration;

import java.util.List;

import io.lode.semantics.TextEmbedder;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Embeds an agent's skills once, at registration or update, and search queries. */
// Loaded at start-up: a broken model should stop the service, not fail its first registration.
@Startup
@ApplicationScoped
public class SkillEmbeddings {

    private final TextEmbedder embedder = new TextEmbedder();

    public List<float[]> embed(List<AgentCard.Skill> skills) {
        return skills.stream().map(s -> embedder.embed(TextEmbedder.skillText(s.name(), s.description(), s.tags(),
                s.examples()))).toList();
    }

    public float[] embedQuery(String text) {
        return embedder.embed(text);
    }
}
